"""The errors a user can cause; pages show their message as it is, or in the viewer's language.

A message may be a template with named parts (`Invalid(N_("{label} is empty"), label=label)`): its
English text is the template filled in, and a page translates the template (the catalogue's id)
before filling it. A part named `label` names a field, which is product text and translated too;
every other part is the user's own text or a number, shown as it is.
"""

from __future__ import annotations

from collections.abc import Callable


class WorkshopError(Exception):
    """An error the user caused and can fix; its message says how."""

    def __init__(self, message: str = "", /, **parts: object):
        self.template = message
        self.parts = parts
        super().__init__(message.format(**parts) if parts else message)

    def translated(self, gettext: Callable[[str], str]) -> str:
        """The message in another language, through `gettext`; English where the catalogue has none."""
        if not self.template:
            return str(self)
        parts = {name: gettext(str(value)) if name == "label" else value for name, value in self.parts.items()}
        return gettext(self.template).format(**parts) if parts else gettext(self.template)


class NotFound(WorkshopError):
    pass


class Invalid(WorkshopError):
    pass


class Duplicate(WorkshopError):
    pass
