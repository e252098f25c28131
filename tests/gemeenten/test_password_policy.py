"""Issue 22: a password has at least 12 characters and is not a common one; the messages
are Dutch (every form that sets a password uses these validators)."""
import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation


@pytest.mark.parametrize("password", ["Elf-tekens1", "kort"])
def test_a_password_shorter_than_twelve_characters_is_refused(password):
    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert "minstens 12 tekens" in " ".join(refused.value.messages)


@pytest.mark.parametrize("password", ["password1234", "qwerty123456"])
def test_a_common_password_is_refused_whatever_its_length(password):
    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert "te algemeen" in " ".join(refused.value.messages)


def test_twelve_uncommon_characters_are_enough():
    validate_password("Twaalf-teken")
