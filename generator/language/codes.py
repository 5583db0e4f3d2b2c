"""The handbook's languages: English first, then its translations."""

DEFAULT = "en"
LANGUAGES = ("en", "fr", "ro", "ru")
TRANSLATIONS = LANGUAGES[1:]
NATIVE_NAMES = {"en": "English", "fr": "Français", "ro": "Română", "ru": "Русский"}
ENGLISH_NAMES = {"en": "English", "fr": "French", "ro": "Romanian", "ru": "Russian"}  # for contributors: check, new


def prefix(lang: str) -> str:
    """The URL prefix of a language's site: '' for English, 'fr/' for French."""
    return "" if lang == DEFAULT else f"{lang}/"
