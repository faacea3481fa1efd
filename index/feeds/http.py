"""Polite HTTP for feeds and pages: httpx with timeouts, redirects, gzip, a User-Agent naming
Parallax, conditional requests, at most 2 requests at a time per host, Retry-After honoured on
429/503 up to a minute, and every failure turned into one line (`FetchError`).

Proxies come from the environment (HTTP_PROXY, HTTPS_PROXY, NO_PROXY), as httpx reads them.
"""

from __future__ import annotations

import email.utils
import threading
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

import httpx

__all__ = ["FetchError", "HttpClient", "Response", "user_agent"]

PER_HOST = 2
RETRY_AFTER_CAP = 60.0
RETRIES = 2
TIMEOUT = httpx.Timeout(20.0, connect=10.0)
MAX_REDIRECTS = 10


class FetchError(Exception):
    """A request that failed. `str()` is one line saying why (never a traceback)."""


@dataclass(frozen=True)
class Response:
    """A response read whole: the final address (after redirects), status and body."""

    url: str
    status: int
    content: bytes
    content_type: str
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def user_agent() -> str:
    """`Parallax/VERSION (+a terminal news reader)`."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        number = version("parallax-reader")
    except PackageNotFoundError:
        number = _checkout_version()
    return f"Parallax/{number} (terminal news reader)"


def _checkout_version() -> str:
    import tomllib
    from pathlib import Path

    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    try:
        return str(tomllib.loads(pyproject.read_text("utf-8"))["project"]["version"])
    except (OSError, KeyError, ValueError):
        return "0"


class HttpClient:
    """One client for a run (connections are reused). Thread-safe: workers share it.

    `counts` tallies what was asked: "requests", "conditional" (sent with If-None-Match or
    If-Modified-Since), "not_modified" (answered 304), "retries".
    """

    def __init__(
        self,
        *,
        max_bytes: int,
        transport: httpx.BaseTransport | None = None,
        timeout: httpx.Timeout | float = TIMEOUT,
        per_host: int = PER_HOST,
        retry_after_cap: float = RETRY_AFTER_CAP,
    ) -> None:
        self.max_bytes = max_bytes
        self.retry_after_cap = retry_after_cap
        self.counts: Counter[str] = Counter()
        self._per_host = per_host
        self._hosts: dict[str, threading.Semaphore] = {}
        self._guard = threading.Lock()
        self._client = httpx.Client(
            transport=transport,
            timeout=timeout,
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            headers={"User-Agent": user_agent()},
            trust_env=True,  # proxies from the environment
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str | None = None,
    ) -> Response:
        """GET `url` (conditionally when `etag` or `last_modified` is given): a 200 or a 304.
        FetchError (one line) for anything else, after honouring Retry-After on 429/503."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if accept:
            headers["Accept"] = accept
        reason = "request failed"
        for attempt in range(RETRIES + 1):
            with self._host_slot(url):
                response, wait, reason = self._once(url, headers)
            if response is not None:
                return response
            if attempt == RETRIES or wait is None:
                break
            self._count("retries")
            time.sleep(wait)
        raise FetchError(reason)

    def _host_slot(self, url: str) -> threading.Semaphore:
        host = urlsplit(url).netloc.lower()
        with self._guard:
            slot = self._hosts.get(host)
            if slot is None:
                slot = self._hosts[host] = threading.Semaphore(self._per_host)
        return slot

    def _count(self, name: str) -> None:
        with self._guard:
            self.counts[name] += 1

    def _once(self, url: str, headers: dict[str, str]) -> tuple[Response | None, float | None, str]:
        """One request: (response, None, ""), or (None, seconds to wait before retrying or None
        not to retry, why it failed)."""
        self._count("requests")
        if "If-None-Match" in headers or "If-Modified-Since" in headers:
            self._count("conditional")
        try:
            with self._client.stream("GET", url, headers=headers) as r:
                if r.status_code == 304:
                    self._count("not_modified")
                    return self._response(r, b""), None, ""
                if r.status_code in (429, 503):
                    wait = _retry_after(r.headers.get("Retry-After"))
                    reason = f"HTTP {r.status_code} {r.reason_phrase}".strip()
                    if wait is None:
                        return None, None, reason
                    if wait > self.retry_after_cap:
                        reason += (
                            f" (asked to wait {wait:.0f} s, more than {self.retry_after_cap:.0f})"
                        )
                        return None, None, reason
                    return None, wait, reason
                if r.status_code >= 400:
                    reason = f"HTTP {r.status_code} {r.reason_phrase}".strip()
                    return None, None, reason
                declared = r.headers.get("Content-Length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    reason = self._too_large()
                    return None, None, reason
                chunks, size = [], 0
                for chunk in r.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        reason = self._too_large()
                        return None, None, reason
                    chunks.append(chunk)
                return self._response(r, b"".join(chunks)), None, ""
        except httpx.TooManyRedirects:
            reason = f"more than {MAX_REDIRECTS} redirects (a redirect loop?)"
        except httpx.TimeoutException:
            reason = "timed out: the server did not answer in time"
        except httpx.ConnectError as err:
            reason = _connect_reason(url, err)
        except httpx.DecodingError:
            reason = "the response could not be decompressed (damaged gzip?)"
        except (httpx.RemoteProtocolError, httpx.ReadError) as err:
            reason = f"the connection broke off ({_first_line(err)})"
        except httpx.UnsupportedProtocol:
            reason = "not an http:// or https:// address"
        except httpx.InvalidURL as err:
            reason = f"not a valid address ({_first_line(err)})"
        except httpx.HTTPError as err:
            reason = f"request failed ({type(err).__name__}: {_first_line(err)})"
        return None, None, reason

    def _too_large(self) -> str:
        return f"larger than max_file_mb ({self.max_bytes // (1024 * 1024)} MB)"

    @staticmethod
    def _response(r: httpx.Response, content: bytes) -> Response:
        return Response(
            url=str(r.url),
            status=r.status_code,
            content=content,
            content_type=r.headers.get("Content-Type", "").split(";")[0].strip().lower(),
            etag=r.headers.get("ETag"),
            last_modified=r.headers.get("Last-Modified"),
        )


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (a number or an HTTP date); None when absent/bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _first_line(err: BaseException) -> str:
    text = str(err).strip() or type(err).__name__
    return text.splitlines()[0]


def _connect_reason(url: str, err: httpx.ConnectError) -> str:
    host = urlsplit(url).hostname or url
    text = _first_line(err)
    lowered = text.lower()
    if any(
        s in lowered
        for s in ("name or service not known", "nodename nor servname", "getaddrinfo",
                  "name resolution", "no address associated", "errno -2", "errno -3")
    ):  # fmt: skip
        return f"cannot find the host {host} (DNS lookup failed)"
    if "refused" in lowered:
        return f"connection refused by {host}"
    if "ssl" in lowered or "certificate" in lowered or "tls" in lowered:
        return f"TLS error with {host} ({text})"
    return f"cannot connect to {host} ({text})"
