"""The one place a widget callback's exception is caught: shown in the widget, in the user's
language, instead of going to a log console nobody reads."""

from __future__ import annotations

import logging
from collections.abc import Callable

from .chat_html import error_html
from .errors import AnswerError, NotMentorError
from .i18n import t

log = logging.getLogger("aftersales.widgets")


def message_for(err: Exception, lang: str) -> str:
    if isinstance(err, NotMentorError):
        return t("review.not_mentor", lang, name=err.name)
    if isinstance(err, AnswerError):
        return err.in_lang(lang)
    return t("error.unexpected", lang, error=err)


def guarded(status, lang: Callable[[], str], action: Callable) -> Callable:
    """`action` as a callback whose errors land in the HTML widget `status`."""

    def run(*_):
        try:
            action()
        except Exception as err:
            log.exception("aftersales widget callback failed")
            status.value = error_html(message_for(err, lang()))

    return run
