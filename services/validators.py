"""Polish register numbers of providers: NIP (tax id, with its check digit) and KRS."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)


def normalise_nip(value):
    """Digits only: "PL 664-000-12-34" → "6640001234"."""
    value = (value or "").upper().removeprefix("PL")
    return re.sub(r"[\s-]", "", value)


def validate_nip(value):
    digits = normalise_nip(value)
    if not re.fullmatch(r"\d{10}", digits):
        raise ValidationError(_("NIP ma 10 cyfr (można je rozdzielić myślnikami)."), code="format")
    check = sum(int(d) * w for d, w in zip(digits, NIP_WEIGHTS, strict=False)) % 11
    if check == 10 or check != int(digits[9]):
        raise ValidationError(
            _("Nieprawidłowy NIP: cyfra kontrolna się nie zgadza. Sprawdź numer."), code="checksum"
        )


def validate_krs(value):
    # KRS numbers carry no check digit: a KRS number is 10 digits, leading zeros kept.
    if not re.fullmatch(r"\d{10}", (value or "").strip()):
        raise ValidationError(_("Numer KRS ma 10 cyfr, np. 0000123456."), code="format")
