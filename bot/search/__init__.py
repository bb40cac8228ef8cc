"""Fuzzy search over the index: candidate generation by character grams, ranking by rapidfuzz."""
