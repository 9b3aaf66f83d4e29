"""K-PRO kvalitetshåndbog: the engine that loads, validates, links and publishes the handbook."""

__version__ = "0.1.0"
