"""The one base of the project's own errors: a catalogue key and its parameters, read in either language."""

from __future__ import annotations

from i18n.catalog import Lang, t


class GepmError(Exception):
    """An error of this project that people read; pages and the command line catch only these.

    str() gives "Vietnamese / English", as the command line prints it; message(lang) gives one language.
    notes are lines of the cause's own text (a validator's findings), shown once, untranslated.
    """

    key = "error.generic"

    def __init__(self, key: str | None = None, **params: object) -> None:
        super().__init__(key or self.key)
        self.key = key or self.key
        self.params = params
        self.notes: tuple[str, ...] = ()

    def text(self, lang: Lang) -> str:
        """The catalogue sentence alone, in one language."""
        return t(self.key, lang, **self.params)

    def message(self, lang: Lang = "vi") -> str:
        return self.text(lang) + "".join(f"\n{note}" for note in self.notes)

    @property
    def detail(self) -> str:
        """The underlying cause's own text (from a driver or the file system), when the error wraps one."""
        return str(self.params.get("detail", ""))

    def __str__(self) -> str:
        return f"{self.text('vi')} / {self.text('en')}" + "".join(f"\n{note}" for note in self.notes)
