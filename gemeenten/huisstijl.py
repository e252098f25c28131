"""The gemeente's huisstijl: its primary colour must stay readable behind white text."""
import re

COLOUR_PATTERN = r"^#[0-9a-fA-F]{6}$"


def is_colour(value: str) -> bool:
    return re.fullmatch(COLOUR_PATTERN, value or "") is not None


def _luminance(hex_colour: str) -> float:
    """Relative luminance of a #rrggbb colour (WCAG 2.1)."""
    channels = []
    for i in (1, 3, 5):
        c = int(hex_colour[i:i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_with_white(hex_colour: str) -> float:
    """The contrast ratio of white text on this colour, from 1 to 21."""
    return 1.05 / (_luminance(hex_colour) + 0.05)
