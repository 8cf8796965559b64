"""The one exception family of the package."""


class AftersalesError(Exception):
    """Base class of every error this package raises on purpose."""


class ContentError(AftersalesError):
    """Raised when playbook or scenario files are invalid; carries every problem found."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UnknownScenarioError(AftersalesError):
    """Raised when a scenario id is not in the loaded library."""


class UnknownRuleError(AftersalesError):
    """Raised when a rule id is not in the playbook."""


class AnswerError(AftersalesError):
    """Raised when an answer does not fit the step it is given for.

    It carries a key of the UI string table and its values, so every view (player, terminal,
    command line) says the same thing in the user's language; `str()` is the English text."""

    def __init__(self, key: str, **values):
        from .i18n import t

        self.key, self.values = key, values
        super().__init__(t(key, "en", **values))

    def in_lang(self, lang: str) -> str:
        from .i18n import t

        return t(self.key, lang, **self.values)


class StoreError(AftersalesError):
    """Raised when the progress store cannot be opened or written safely."""


class UsageError(AftersalesError):
    """Raised when a command is given missing or malformed arguments (exit code 2)."""


class NotMentorError(StoreError):
    """Raised when someone who is not a mentor tries to record a review."""

    def __init__(self, name: str):
        self.name = name
        super().__init__(
            f"'{name}' is not a mentor; only mentors can record reviews "
            f"(a mentor is made with: aftersales role set {name} mentor)"
        )
