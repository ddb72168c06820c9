#!/usr/bin/env python3
"""Fills the English numerus forms of signalbox_en.ts from the source texts.

Sources spell plurals the Qt way, "%n state(s)", "%n branch(es)"; English needs two forms:
the singular drops the parenthesis, the plural keeps its letters ("1 state", "2 states").
"Move %n states" (never singular in practice) gets "Move %n state" / "Move %n states".
Run after `lupdate -pluralonly` (see docs/translations.md); only unfinished entries change.
"""
import re
import sys
import xml.etree.ElementTree as ET

IRREGULAR = {"states": "state"}


def forms(source: str) -> tuple[str, str]:
    if "(" in source and re.search(r"\w\((s|es)\)", source):
        singular = re.sub(r"(\w)\((s|es)\)", r"\1", source)
        plural = re.sub(r"(\w)\((s|es)\)", r"\1\2", source)
        return singular, plural
    singular = re.sub(r"%n (\w+)", lambda m: "%n " + IRREGULAR.get(m.group(1), m.group(1)), source)
    return singular, source


def main(path: str) -> None:
    tree = ET.parse(path)
    for message in tree.iter("message"):
        if message.get("numerus") != "yes":
            continue
        translation = message.find("translation")
        if translation.get("type") != "unfinished":
            continue
        singular, plural = forms(message.findtext("source"))
        for form, text in zip(translation.findall("numerusform"), (singular, plural)):
            form.text = text
        del translation.attrib["type"]
    tree.write(path, encoding="utf-8", xml_declaration=True)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "i18n/signalbox_en.ts")
