"""The reader's widgets, one module per class."""
