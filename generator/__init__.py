"""Curriculum site generator for intensive outpatient (IOP) group sessions."""

__version__ = "0.1.0"
