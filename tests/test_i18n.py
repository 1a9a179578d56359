"""The message catalogue: every string a person sees has an English and a
Chinese text, with the same placeholders, and nothing is written in English
straight into the code.

The source is read with ``ast`` (nothing runs):

- every catalogue key the code names (``t("...")``, ``say``, ``warn``, our
  errors, ``Reason``, ``Binding`` descriptions, ``*_key`` fields, f-string
  keys such as ``f"cli.decide.{kind}"``) is in the English catalogue;
- the strings handed to what prints or draws (the shell's ``table``,
  ``line``, ``text`` and prompts; the app's ``Static``, ``Label``,
  ``Button``, ``Input`` placeholders, ``add_column``, ``notify``,
  ``Text``...) hold no English words: those go through the catalogue.

Typer's ``--help`` texts stay English (they are not scanned).
"""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

import ltc_tui
from ltc_tui import i18n

SRC = Path(ltc_tui.__file__).parent
EN = i18n.catalogue("en")
ZH = i18n.catalogue("zh")
NAMESPACES = {key.split(".")[0] for key in EN}


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


# --- the catalogues ---------------------------------------------------------------------------------


def test_every_english_key_has_chinese():
    missing = sorted(set(EN) - set(ZH))
    assert not missing, f"{len(missing)} keys have no Chinese text: {missing[:40]}"


def test_every_chinese_key_is_english_too():
    extra = sorted(set(ZH) - set(EN))
    assert not extra, f"keys in ZH only (a typo?): {extra}"


def test_no_key_defined_twice():
    """Catalogue modules are merged: a key in two of them would hide one text."""
    import importlib
    import pkgutil

    seen: dict[str, str] = {}
    twice = []
    for info in pkgutil.iter_modules(i18n.__path__):
        if not info.name.startswith("catalog_"):
            continue
        module = importlib.import_module(f"ltc_tui.i18n.{info.name}")
        for key in getattr(module, "EN", {}):
            if key in seen:
                twice.append(f"{key}: {seen[key]} and {info.name}")
            seen[key] = info.name
    assert not twice, twice


def test_no_key_written_twice_in_one_module():
    """Within one module a repeated key in a dict literal silently wins over the first."""
    repeated = []
    for path in sorted((SRC / "i18n").glob("catalog_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict):
                keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
                repeated += [f"{path.name}: {k}" for k in sorted(set(keys)) if keys.count(k) > 1]
    assert not repeated, repeated


def test_placeholders_match():
    wrong = [
        (key, sorted(placeholders(EN[key])), sorted(placeholders(ZH[key])))
        for key in sorted(set(EN) & set(ZH))
        if placeholders(EN[key]) != placeholders(ZH[key])
    ]
    assert not wrong, "placeholders differ (key, en, zh): " + "; ".join(map(str, wrong))


def sample(template: str) -> dict[str, object]:
    """A value for each placeholder: a number where the template formats one ({count:,})."""
    return {name: 1234 if spec else "x" for _, name, spec, _ in string.Formatter().parse(template) if name is not None}


def test_every_template_formats():
    """A template ``str.format`` cannot fill (a stray brace) would show raw."""
    bad = []
    for lang, cat in (("en", EN), ("zh", ZH)):
        for key, template in cat.items():
            try:
                template.format(**sample(template))
            except (KeyError, IndexError, ValueError) as error:
                bad.append((lang, key, str(error)))
    assert not bad, bad


# Chinese texts that may read like the English one: symbols, codes, our own names.
SAME_IN_BOTH = re.compile(r"^(col\.id|report\.col\.(id|ar|fr|chart|detail)|cli\.config\.set|import\.problem\.file|"
                          r"form\.understood|file\.triangle|term\..*)$")


def english_words(text: str) -> list[str]:
    """Words of two or more Latin letters, once placeholders, options, commands,
    keys and the method's own abbreviations are taken out."""
    text = re.sub(r"\{[^{}]*\}", " ", text)  # placeholders
    text = re.sub(r"`[^`]*`", " ", text)  # `ltc lead add`
    text = re.sub(r"(?<![\w-])--?[a-z][\w-]*(=\S*)?", " ", text)  # --options
    text = re.sub(r"\bltc( [a-z][\w-]*)*", " ", text)  # ltc person me ...
    text = re.sub(r"\b[a-z_]+:[\w.-]*", " ", text)  # filters status:verified
    text = re.sub(r"\b(ctrl|shift|alt)\+\w+", " ", text)
    text = re.sub(r"\S+@\S+|https?://\S+|\S+\.(tcss|md|html|csv|json|db)\b", " ", text)
    return [w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in ALLOWED_WORDS]


# Not English to translate: the method's abbreviations, file formats, product names, keys.
ALLOWED_WORDS = {
    "AR", "SR", "FR", "KPI", "KDM", "PO", "ID", "ltc", "LTC", "CDMA", "CSV", "JSON", "UTF", "BOM", "URL", "SVG", "HTML",
    "Markdown", "Excel", "Salesforce", "CRM", "API", "NUL", "TAB", "SQLite", "PostgreSQL", "Python", "Latin", "Windows",
    "USD", "EUR", "CNY", "YYYY", "MM", "DD", "dd", "mm", "yyyy", "ctrl", "esc", "escape", "enter", "space", "tab", "pip",
    "textual", "serve", "ltc-tui", "HANDLE", "FILE", "THEIRS", "OURS", "NAME", "AMOUNT", "TEXT", "STAGE",
    "CHANNEL", "today", "tomorrow", "Company", "rows", "records", "columns", "stages", "sources", "options", "ignore",
    "id", "title", "owner", "product", "account", "stage", "engaged_on", "closed_on", "amount", "close_reason",
    "tier_override_reason", "hot", "warm", "cold", "verify", "initiation", "needs_analysis", "value_presentation",
    "bid", "negotiation", "won", "lost", "report", "create", "postgres", "initdb", "customer", "CDMA450", "md", "html",
    "Noto", "Sans",
}


def test_chinese_texts_are_translated():
    """A Chinese text that is the English one (with English words in it) was
    copied, not translated."""
    lazy = [key for key in sorted(set(EN) & set(ZH))
            if ZH[key] == EN[key] and english_words(EN[key]) and not SAME_IN_BOTH.match(key)]
    assert not lazy, f"Chinese text identical to English: {lazy}"


def test_chinese_texts_hold_no_english_sentence():
    """Leftover English inside a Chinese text (three or more words in a row)."""
    leftovers = []
    for key, text in sorted(ZH.items()):
        if key.startswith(("textual.", "term.")) or SAME_IN_BOTH.match(key):
            continue
        words = english_words(text)
        if re.search(r"[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}", " ".join(words)) and not re.search(r"[\u4e00-\u9fff]", text):
            leftovers.append(key)
    assert not leftovers, leftovers


def test_every_enum_member_has_a_label():
    from ltc_tui import enums

    missing = []
    for enum_name in ("Role", "Standing", "ContactLevel", "DecisionRole", "Influence", "Attitude", "Source", "LeadClass",
                      "Temperature", "LeadStatus", "DecisionKind", "MeetingStatus", "Competition", "Risk", "Step",
                      "Vote", "CompetitorStanding", "Stage", "Gate", "GateResult", "ContractStatus", "VisitKind"):
        for member in getattr(enums, enum_name):
            key = f"enum.{enum_name}.{member.value}"
            if key not in EN or key not in ZH:
                missing.append(key)
    assert not missing, missing


def test_labels_in_chinese():
    from ltc_tui.enums import Stage, Temperature

    i18n.set_language("zh")
    assert i18n.label(Stage.NEEDS_ANALYSIS) == "需求分析"
    assert i18n.t("cli.lead.status_line", status="verified", klass="opportunity", temp="hot", tier="A", priority=9) == (
        "已验证 | 类别 机会 | 成熟度 热 | A 层 | 优先级 9")
    assert i18n.label(Temperature.WARM) == "温"


def test_words_in_parameters_follow_the_language():
    """Fields, records, actions and roles that the rules name in a message."""
    i18n.set_language("zh")
    assert i18n.t("error.required", field="next review") == "下次评审：必须填写。"
    assert i18n.t("error.record.not_found", entity="lead", id=3) == "没有线索 #3。"
    assert i18n.t("error.permission.role", roles=["ar", "sr"], action="claim leads") == (
        "只有具有 AR、SR 角色的人（或管理员）才能认领线索。")
    assert i18n.t("error.decide.convert_needs", field="budget", missing="budget and start date").endswith("缺少：预算和启动日期。")
    assert i18n.t("error.decide.nurture_needs", field="FR", missing=["FR", "next review date"]).endswith("缺少：FR、下次评审日期。")
    assert i18n.t("error.required", field="--customer") == "--customer：必须填写。"  # an option stays as typed
    i18n.set_language("en")
    assert i18n.t("error.permission.role", roles=["ar", "sr"], action="claim leads") == (
        "Only someone with the role ar, sr (or an admin) may claim leads.")
    assert i18n.t("error.decide.nurture_needs", field="FR", missing=["FR", "next review date"]).endswith(
        "missing: FR, next review date.")


# --- the language chosen ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LTC_LANG": "zh"}, "zh"),
        ({"LTC_LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LC_ALL": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
        ({"LTC_LANG": "en", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
    ],
)
def test_language_detected(monkeypatch, env, expected):
    for var in ("LTC_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert i18n.detect_language() == expected


def test_unknown_language_refused():
    from ltc_tui.errors import ValidationError

    with pytest.raises(ValidationError) as caught:
        i18n.set_language("fr")
    assert "--lang" in caught.value.message and "en, zh" in caught.value.message


# --- the code: keys it names ---------------------------------------------------------------------------


def sources(*folders: str) -> Iterator[tuple[Path, ast.Module]]:
    for folder in folders:
        base = SRC / folder if folder else SRC
        pattern = "*.py" if folder else "**/*.py"
        for path in sorted(base.glob(pattern)):
            if "migrations" in path.parts or path.parent.name == "i18n" and path.name.startswith("catalog_"):
                continue
            yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


ALL = list(sources(""))

KEY_CALLS = {"t", "say", "warn", "has", "ValidationError", "NotFound", "RuleViolation", "PermissionDenied",
             "ConflictError", "StorageError", "ImportFailed", "LtcError", "Reason", "Note", "section"}
KEY_KEYWORDS = {"reason_key", "evidence_key", "help_key", "title_key", "key"}
KEY_ATTRS = {"AREA_KEY", "title_key"}


def callee(node: ast.Call) -> str:
    f = node.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""


def key_patterns(node: ast.AST) -> Iterator[tuple[str, bool]]:
    """(text, is_pattern) of a key expression: a constant, an f-string (a
    pattern), or either branch of ``a if c else b``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value, False
    elif isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(re.escape(str(value.value)))
            else:
                parts.append(r"[^ ]+")
        yield "".join(parts), True
    elif isinstance(node, ast.IfExp):
        yield from key_patterns(node.body)
        yield from key_patterns(node.orelse)
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and isinstance(node.left, ast.Constant):
        yield re.escape(str(node.left.value)) + r"[^ ]+", True


def named_keys() -> Iterator[tuple[str, int, str, bool]]:
    """(file, line, key or pattern, is_pattern) for every key the code names."""
    for path, tree in ALL:
        rel = str(path.relative_to(SRC.parent))
        for node in ast.walk(tree):
            found: list[ast.AST] = []
            if isinstance(node, ast.Call):
                name = callee(node)
                args = node.args
                if name in KEY_CALLS and args:
                    # ui.say(node, key) takes the key second; common.say(key) first
                    found.append(args[1] if name == "say" and len(args) > 1 and not isinstance(args[0], (ast.Constant, ast.JoinedStr, ast.IfExp)) else args[0])
                if name == "Binding":
                    if len(args) > 2:
                        found.append(args[2])
                    found += [k.value for k in node.keywords if k.arg == "description"]
                if name == "MainEntry" and len(args) > 4:
                    found.append(args[4])
                if name == "columns":  # c.columns(">#", "field.name", ">field.value")
                    for arg in args:
                        if isinstance(arg, ast.Constant) and arg.value.lstrip(">") not in ("", "#"):
                            found.append(ast.copy_location(ast.Constant(arg.value.lstrip(">")), arg))
                found += [k.value for k in node.keywords if k.arg in KEY_KEYWORDS and name not in ("Binding", "get", "sorted", "max", "min", "sort")]
            elif isinstance(node, ast.Assign) and any(
                isinstance(target, ast.Name) and target.id in KEY_ATTRS for target in node.targets
            ):
                found.append(node.value)
            for expr in found:
                for text, is_pattern in key_patterns(expr):
                    yield rel, getattr(expr, "lineno", 0), text, is_pattern


def test_every_key_the_code_names_exists():
    missing = []
    for rel, line, text, is_pattern in named_keys():
        if is_pattern:
            matched = "." in text and any(re.fullmatch(text, key) for key in EN)
            if not matched and text.split("\\.")[0] in NAMESPACES:
                missing.append(f"{rel}:{line} {text} (pattern)")
        elif text not in EN and (text.split(".")[0] in NAMESPACES or text.startswith(("textual.",))):
            missing.append(f"{rel}:{line} {text}")
    assert not missing, "keys missing from the English catalogue:\n" + "\n".join(missing)


LOOKS_LIKE_KEY = re.compile(r"^[a-z][a-z_]*(\.[A-Za-z0-9_]+)+$")
NOT_KEYS = re.compile(r"\.(tcss|py|db|md|html|csv|json|svg|log|mako|txt)$|^ltc_tui\.")


def test_every_key_like_string_exists():
    """Keys passed along before they are shown (``warnings.append("warn.x")``,
    a ``reason_key`` in a dataclass) must exist too."""
    missing = []
    for path, tree in ALL:
        skip = set()  # pieces of f-strings, ids of bindings, foreign keys: not keys
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                skip.update(id(v) for v in node.values)
            elif isinstance(node, ast.keyword) and node.arg in ("id", "foreign_key", "group", "classes"):
                skip.add(id(node.value))
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value
                keyish = LOOKS_LIKE_KEY.match(text) and text.split(".")[0] in NAMESPACES and not NOT_KEYS.search(text)
                if keyish and text not in EN and not any(key.startswith(text + ".") for key in EN):
                    missing.append(f"{path.relative_to(SRC.parent)}:{node.lineno} {text}")
    assert not missing, "\n".join(missing)


# --- the code: English written straight into what people see ---------------------------------------------

# Calls whose arguments are shown. Value: positional indexes shown (None: all),
# and the keyword arguments shown.
SHELL_SINKS = {
    "table": (None, {"title"}),
    "line": (None, set()),
    "text": ((0,), set()),
    "prompt": ((0,), set()),
    "confirm": ((0,), set()),
    "echo": ((0,), set()),
    "print": (None, set()),
    "BadParameter": ((0,), set()),
    "write": ((0,), set()),
}
APP_SINKS = {
    "Static": ((0,), set()),
    "Label": ((0,), set()),
    "Button": ((0,), {"label"}),
    "Input": ((), {"placeholder", "value"}),
    "TextArea": ((), {"placeholder"}),
    "Checkbox": ((0,), {"label"}),
    "RadioButton": ((0,), {"label"}),
    "Select": ((0,), {"prompt"}),
    "Selection": ((0,), set()),
    "Option": ((0,), set()),
    "TabPane": ((0,), {"title"}),
    "Tab": ((0,), set()),
    "add_column": ((0,), {"label"}),
    "add_columns": (None, set()),
    "add_row": (None, {"label"}),
    "notify": ((0,), {"title"}),
    "update": ((0,), set()),
    "Text": ((0,), set()),
    "assemble": (None, set()),
    "append": ((0,), set()),
    "append_text": ((0,), set()),
    "safe": ((0,), set()),
    "TextField": ((0,), {"placeholder", "label", "value"}),
    "TextDialog": ((), {"title", "label", "intro", "save_label"}),
    "ChoiceDialog": ((), {"title", "message"}),
    "Choice": ((1,), set()),
    "Markdown": ((0,), set()),
    "SystemCommand": ((0, 1), set()),
    "Hit": ((1,), {"text", "help"}),
    "DiscoveryHit": ((0,), {"text", "help"}),
    "Content": ((0,), set()),
    "Tooltip": ((0,), set()),
    "FormField": ((1,), {"label", "placeholder", "note", "hint"}),  # name, label, kind...
    "BarRow": ((0, 2), {"label", "figures"}),  # label, value, figures, style
}
SHOWN_ATTRS = {"title", "sub_title", "border_title", "border_subtitle", "tooltip", "placeholder", "TITLE", "SUB_TITLE"}
# Calls whose arguments are keys, names or styles, never shown as they are.
NOT_SHOWN_CALLS = {"t", "label", "label_of", "styled", "has", "describe", "get", "query_one", "query", "getattr",
                   "setattr", "partial", "strftime", "startswith", "endswith", "split", "replace", "isoformat",
                   "format_money", "format_amounts", "printable", "Path", "set_class", "add_class", "remove_class",
                   "run_worker", "import_module", "lstrip", "rstrip", "strip", "Binding", "index", "dict", "sub", "match",
                   "columns", "section", "term", "words", "money"}
# Calls that show their first argument and take widths or styles after it.
FIRST_ARG_ONLY = {"clip", "cut", "truncate"}
# Skipped inside a tuple of (label, value) given to a Select or a Text.assemble.
PAIR_CALLS = {"Select", "assemble", "SelectionList", "set_options"}


def collect(node: ast.AST, sinks: dict, in_pairs: bool = False) -> Iterator[tuple[int, str]]:
    """(line, text) of the string literals in an expression that end up shown."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.lineno, node.value
    elif isinstance(node, ast.JoinedStr):
        for value in node.values:
            if isinstance(value, ast.Constant):
                yield node.lineno, str(value.value)
            else:
                yield from collect(value.value, sinks)
    elif isinstance(node, ast.Call):
        name = callee(node)
        if name in NOT_SHOWN_CALLS or name in sinks:
            return  # a key, or a sink of its own (scanned where it stands)
        if name in FIRST_ARG_ONLY:  # clip(text, width, style): only the text is shown
            if node.args:
                yield from collect(node.args[0], sinks)
            return
        if name == "join" and isinstance(node.func, ast.Attribute):
            for arg in node.args:
                yield from collect(arg, sinks)
            return
        for arg in node.args:
            yield from collect(arg, sinks)
    elif isinstance(node, (ast.Subscript, ast.Compare, ast.Attribute, ast.Name)):
        return
    elif isinstance(node, ast.Dict):
        for value in node.values:
            yield from collect(value, sinks)
    elif isinstance(node, ast.Tuple) and in_pairs and len(node.elts) == 2:
        yield from collect(node.elts[0], sinks)
    elif isinstance(node, ast.IfExp):
        yield from collect(node.body, sinks, in_pairs)
        yield from collect(node.orelse, sinks, in_pairs)
    elif isinstance(node, ast.BoolOp):
        for value in node.values:
            yield from collect(value, sinks, in_pairs)
    elif isinstance(node, ast.BinOp):
        yield from collect(node.left, sinks, in_pairs)
        yield from collect(node.right, sinks, in_pairs)
    elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        for elt in node.elts:
            yield from collect(elt, sinks, in_pairs)
    elif isinstance(node, (ast.ListComp, ast.GeneratorExp, ast.SetComp)):
        yield from collect(node.elt, sinks, in_pairs)
    elif isinstance(node, ast.Starred):
        yield from collect(node.value, sinks, in_pairs)


def is_sql(node: ast.Call) -> bool:
    """``sa.text("SELECT ...")`` is SQL, not the shell's ``text``."""
    f = node.func
    return isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id in ("sa", "sqlalchemy")


def shown_strings(tree: ast.Module, sinks: dict) -> Iterator[tuple[int, str]]:
    """(line, text) of every string literal that reaches a person through ``sinks``:
    their shown arguments, and the parameters of messages (``say("key", why="...")``)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and callee(node) in sinks and not is_sql(node):
            name = callee(node)
            positions, keywords = sinks[name]
            pairs = name in PAIR_CALLS
            for i, arg in enumerate(node.args):
                if positions is None or i in positions:
                    yield from collect(arg, sinks, pairs)
            for kw in node.keywords:
                if kw.arg in keywords:
                    yield from collect(kw.value, sinks, pairs)
        elif isinstance(node, ast.Call) and callee(node) in MESSAGE_CALLS:
            for kw in node.keywords:
                # choices: the values to type, as they are typed
                if kw.arg in ("style", "severity", "markup", "timeout", "title", "choices") or is_term(kw):
                    continue
                yield from collect(kw.value, sinks)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Attribute) and target.attr in SHOWN_ATTRS:
                    yield from collect(node.value, sinks)


def is_term(kw: ast.keyword) -> bool:
    """``field="due"`` in a message: one of the software's words, which ``t``
    shows as ``term.field.due`` says (so that term must exist)."""
    kind = i18n._TERMS.get(kw.arg or "")
    value = kw.value
    return bool(kind) and isinstance(value, ast.Constant) and f"term.{kind}.{value.value}" in EN


MESSAGE_CALLS = {"t", "say", "warn", "ValidationError", "NotFound", "RuleViolation", "PermissionDenied",
                 "ConflictError", "StorageError", "LtcError"}


# Literal words the code may show as they are (not English: names, codes, symbols).
SHOWN_AS_IS = {"ltc", "tui", "AR", "SR", "FR", "KPI", "ctrl", "esc", "TAB", "stdout",
              "USD", "INV"}  # a currency code and an invoice number given as examples


def hardcoded(folders: tuple[str, ...], sinks: dict) -> list[str]:
    """Shown literals with English words; a line marked ``# i18n-exempt`` (the
    last-resort message when the catalogue itself failed) is left out."""
    found = []
    for path, tree in sources(*folders):
        lines = path.read_text(encoding="utf-8").splitlines()
        for line, text in shown_strings(tree, sinks):
            if "i18n-exempt" in lines[line - 1]:
                continue
            bare = re.sub(r"\b(ctrl|shift|alt)\+\w+|(?<![\w-])--?[a-z][\w-]*", "", text)  # keys, --options
            words = [w for w in re.findall(r"[A-Za-z]{2,}", bare) if w not in SHOWN_AS_IS]
            if words:
                found.append(f"{path.relative_to(SRC.parent)}:{line} {text!r}")
    return found


def test_shell_commands_show_no_hardcoded_english():
    found = hardcoded(("cli",), SHELL_SINKS)
    assert not found, "English shown by a shell command without the catalogue:\n" + "\n".join(found)


def test_app_shows_no_hardcoded_english():
    found = hardcoded(("screens", "widgets"), APP_SINKS) + [
        f for f in hardcoded(("",), APP_SINKS) if re.match(r"ltc_tui/(app|ui|commands)\.py", f)
    ]
    assert not found, "English shown by the app without the catalogue:\n" + "\n".join(found)


def test_the_scanner_sees_hardcoded_english():
    """The scan itself: a header list, a Static and a notify written in English are found."""
    code = ast.parse(
        'c.table(["Handle", "#"], rows)\n'
        'yield Static("Hello there", id="x")\n'
        'self.app.notify(f"{n} leads saved")\n'
        'yield Input(placeholder="Li Wei", id="name")\n'
        'c.table(["", ""], [("Name", p.name), (t("field.owner"), "yes" if x else "-")])\n'
        'yield Static(t("ok.key"), id="fine")\n'
    )
    shell = [text for _, text in shown_strings(code, SHELL_SINKS)]
    app = [text for _, text in shown_strings(code, APP_SINKS)]
    assert {"Handle", "Name", "yes"} <= set(shell) and "ok.key" not in shell
    assert {"Hello there", " leads saved", "Li Wei"} <= set(app) and "x" not in app and "name" not in app


def test_fit_counts_terminal_columns():
    """A pick list entry cut to 20 columns stays 20 columns in Chinese too."""
    from rich.cells import cell_len

    from ltc_tui.screens.nurturing import fit

    assert fit("#3 COO: outages", 20) == "#3 COO: outages"
    cut = fit("#12 首席运营官：仓库之间的网络经常中断", 20)
    assert cell_len(cut) <= 20 and cut.endswith("…") and cut.startswith("#12 首席")


def test_notes_the_software_writes_are_translated():
    """The note on an opportunity's first stage ("from lead #27") is stored in
    English and read in the reader's language; a person's note stays as written."""
    i18n.set_language("zh")
    assert i18n.stored_note("from lead #27") == "来自线索 #27"
    assert i18n.stored_note("from lead #27, said the client") == "from lead #27, said the client"
    assert i18n.stored_note(None) == ""
    i18n.set_language("en")
    assert i18n.stored_note("from lead #27") == "from lead #27"
