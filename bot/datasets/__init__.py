"""Datasets: the manifest that describes them and the readers for their published formats."""
