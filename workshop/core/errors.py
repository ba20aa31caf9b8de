"""The errors a user can cause; pages show their message as it is."""

from __future__ import annotations


class WorkshopError(Exception):
    """An error the user caused and can fix; its message says how."""


class NotFound(WorkshopError):
    pass


class Invalid(WorkshopError):
    pass


class Duplicate(WorkshopError):
    pass
