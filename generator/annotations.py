"""GitHub Actions workflow commands (annotations), escaped so that no value can end one or start another."""

from __future__ import annotations


def escape_data(text: object) -> str:
    """A message as workflow-command data: '%', CR and LF escaped (the runner unescapes them)."""
    return str(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: object) -> str:
    """A property value (file=, title=): also ':' and ',', which would end the value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(command: str, message: object, **properties: object) -> str:
    """One line such as '::warning file=a.yml,line=3::message', every value escaped."""
    props = ",".join(f"{name}={escape_property(value)}" for name, value in properties.items() if value is not None)
    return f"::{command}{' ' + props if props else ''}::{escape_data(message)}"
