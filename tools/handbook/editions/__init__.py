"""Citable editions: names, the archive every clone carries, release, publish, withdraw and diff."""
