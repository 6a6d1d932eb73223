"""grantgen: grant applications, accountability and annual reports from one facts dataset."""

__version__ = "0.1.0"
