"""What each posted form must hold, declared with WTForms; a form that does not validate is a 400.

CSRF tokens are checked for every POST by Flask-WTF's ``CSRFProtect`` before any view runs, so
these forms only describe the fields. Amounts may be typed the way news writes them ("160bn",
"1.6 billion", "160,000,000,000"); the scale words are the extractor's own table.
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

from werkzeug.exceptions import BadRequest
from wtforms import Field, Form, IntegerField, PasswordField, StringField
from wtforms.validators import AnyOf, InputRequired, Length, NumberRange, Optional, Regexp, ValidationError

from review.amounts import parse_amount
from store.decisions import YEAR_RANGE
from store.models import USER_ROLES

#: Suggested reasons for rejecting a figure (a reviewer may type any other).
REJECT_REASONS: tuple[str, ...] = (
    "not a spending figure",
    "wrong company",
    "not about the watch",
    "repeats another figure in the article",
    "misread amount",
    "opinion or estimate, not a report",
)
F = TypeVar("F", bound=Form)


class AmountField(StringField):
    """A money amount as a person types it; ``data`` is a ``Decimal`` or ``None`` when blank."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        text = (valuelist[0] if valuelist else "") or ""
        self.raw_text = text
        if not text.strip():
            self.data = None
            return
        try:
            self.data = parse_amount(text)
        except ValueError as exc:
            self.data = None
            raise ValueError(str(exc)) from None


def _required_amount(form: Form, field: Field) -> None:
    if field.data is None and not field.errors:
        raise ValidationError("an amount is required")


class DecisionForm(Form):
    """Every decision carries the figure version the reviewer was shown."""

    version = IntegerField(validators=[InputRequired("the figure version is missing"), NumberRange(min=0)])
    next = StringField(validators=[Optional(), Length(max=2000)])


class RejectForm(DecisionForm):
    reason = StringField(validators=[InputRequired("give a reason for rejecting"), Length(max=2000)])


class CorrectForm(DecisionForm):
    """The figure's six reviewable values (and the top of a range), as the reviewer says they are."""

    amount = AmountField(validators=[_required_amount])
    amount_high = AmountField(validators=[Optional()])
    currency = StringField(
        validators=[InputRequired(), Regexp(r"^\s*[A-Za-z]{3}\s*$", message="a 3-letter code such as USD")]
    )
    year = IntegerField(validators=[Optional(), NumberRange(YEAR_RANGE[0], YEAR_RANGE[-1])])
    source = StringField(validators=[Optional(), Length(max=2000)])
    subject = StringField(validators=[Optional(), Length(max=2000)])
    metric = StringField(validators=[InputRequired(), Length(max=100)])
    note = StringField(validators=[Optional(), Length(max=2000)])

    def corrected(self) -> dict[str, Any]:
        """The values as :func:`store.decisions.record_decision` takes them (blank text is ``None``)."""
        return {
            "amount": self.amount.data,
            "amount_high": self.amount_high.data,
            "currency": (self.currency.data or "").strip().upper(),
            "year": self.year.data,
            "source": (self.source.data or "").strip() or None,
            "subject": (self.subject.data or "").strip() or None,
            "metric": (self.metric.data or "").strip(),
        }


class BulkForm(Form):
    """Several figures at once: ``pick`` values are ``"<figure id>:<version seen>"``."""

    action = StringField(validators=[InputRequired("choose approve or reject"), AnyOf(("approve", "reject"))])
    reason = StringField(validators=[Optional(), Length(max=2000)])
    next = StringField(validators=[Optional(), Length(max=2000)])


class SignInForm(Form):
    name = StringField(validators=[InputRequired("enter your name"), Length(max=200)])
    password = PasswordField(validators=[InputRequired("enter your password"), Length(max=1024)])


class AddUserForm(Form):
    name = StringField(validators=[InputRequired("enter a name"), Length(max=200)])
    role = StringField(default="reviewer", validators=[InputRequired(), AnyOf(USER_ROLES)])
    password = PasswordField(validators=[InputRequired("enter a password"), Length(max=1024)])


def validated(form: F) -> F:
    """``form`` if it validates, else a 400 naming each field and what is wrong with it."""
    if not form.validate():
        problems = "; ".join(
            f"{name}: {' '.join(str(e) for e in errors)}" for name, errors in form.errors.items()
        )
        raise BadRequest(f"The form was not filled in correctly: {problems}.")
    return form


def picks(values: list[str]) -> list[tuple[int, int]]:
    """``["12:3", "15:0"]`` -> ``[(12, 3), (15, 0)]``; a 400 for anything else, or for none."""
    result: list[tuple[int, int]] = []
    for value in values:
        match = re.fullmatch(r"(\d{1,18}):(\d{1,18})", value.strip())
        if match is None:
            raise BadRequest(f"{value!r} is not a figure and version (expected e.g. 12:3).")
        result.append((int(match.group(1)), int(match.group(2))))
    if not result:
        raise BadRequest("Select at least one figure.")
    if len({fid for fid, _ in result}) != len(result):
        raise BadRequest("The same figure was selected twice.")
    return result
