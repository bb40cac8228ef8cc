"""The local SQLite index: how it is built, swapped in, and read."""
