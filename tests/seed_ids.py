"""The ids the seed articles are stored under (SEEDS.md: the outlet and the headline)."""

EUNEWS = "eunews-ukraine-second-round-of-us-russia-talks-in-istanbul"
HURRIYET = "hurriyet-daily-news-preparations-for-trump-putin-summit-underway"
BUSINESS_STANDARD = "business-standard-russian-us-diplomats-meet-in-istanbul"
ECONOTIMES = "econotimes-russia-and-ukraine-resume-peace-talks-in-istanbul"
