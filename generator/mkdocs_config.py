"""Build the MkDocs configuration for a generated tree from the project's mkdocs.yml."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from . import paths
from .errors import LocatedError, Problem
from .model import Curriculum
from .templates import inert_html, plain_text

CONFIG_FILE = "mkdocs.yml"


class PythonName(str):
    """A `!!python/name:` value (Material's emoji settings): kept as the tag MkDocs reads,
    never imported here."""


class _SettingsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as MkDocs does for the tags it documents (!ENV, !relative,
    !!python/name), and nothing else."""


def _construct_env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = [str(item) for item in loader.construct_sequence(node)]  # type: ignore[arg-type]
        names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    return next((os.environ[name] for name in names if name in os.environ), default)


_SettingsLoader.add_constructor("!ENV", _construct_env)
_SettingsLoader.add_constructor("!relative", lambda loader, node: loader.construct_scalar(node))  # type: ignore[arg-type]
_SettingsLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: PythonName(suffix))


class _SettingsDumper(yaml.SafeDumper):
    pass


_SettingsDumper.add_representer(
    PythonName, lambda dumper, value: dumper.represent_scalar(f"tag:yaml.org,2002:python/name:{value}", "")
)


def _settings_error(line: int, column: int, message: str) -> LocatedError:
    return LocatedError(Problem(CONFIG_FILE, line, column, message))


def read_base_config(root: Path) -> dict[str, Any]:
    """The project's mkdocs.yml, read safely; built-in defaults when there is none.

    The one reader of mkdocs.yml: `validate` reports its problems through it too.
    """
    path = root / CONFIG_FILE
    if not path.is_file():
        return {
            "theme": {"name": "material", "font": False},
            "plugins": ["search", "offline"],
            "use_directory_urls": False,
            "extra_css": ["assets/stylesheets/curriculum.css", "assets/stylesheets/brand.css"],
            "markdown_extensions": [
                "admonition",
                "attr_list",
                "def_list",
                "md_in_html",
                "tables",
                {"toc": {"permalink": True}},
            ],
        }
    text = path.read_bytes().decode("utf-8", errors="replace").removeprefix("\ufeff")
    if _bracket_depth(text) > MAX_SETTINGS_DEPTH:
        raise _settings_error(
            1, 1, f"mkdocs.yml is nested more than {MAX_SETTINGS_DEPTH} levels deep; check its brackets and indentation"
        )
    try:
        data = yaml.load(text, Loader=_SettingsLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as error:
        from .yaml_source import yaml_error_problem

        found = yaml_error_problem(error, CONFIG_FILE, text)
        raise _settings_error(found.line, found.column, f"cannot read the site settings: {found.message}") from None
    except RecursionError:
        raise _settings_error(
            1, 1, "mkdocs.yml is nested too deeply to read; check its brackets and indentation"
        ) from None
    if not isinstance(data, dict):
        raise _settings_error(1, 1, "the site settings must be 'key: value' lines, like 'site_name: My program'")
    problem = missing_extension(data, text)
    if problem:
        raise LocatedError(problem)
    return data


MAX_SETTINGS_DEPTH = 100


def _bracket_depth(text: str) -> int:
    """Deepest [ and { nesting: a cheap guard before the recursive parser."""
    if text.count("[") + text.count("{") <= MAX_SETTINGS_DEPTH:
        return 0  # cannot be deeper than the brackets it has
    depth = deepest = 0
    for char in text:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth = max(0, depth - 1)
    return deepest


def _extension_names(data: dict[str, Any]) -> list[str]:
    entries = data.get("markdown_extensions") or []
    if isinstance(entries, dict):
        return [str(name) for name in entries]
    if not isinstance(entries, list):
        return []
    return [str(next(iter(e))) if isinstance(e, dict) and e else str(e) for e in entries]


def _extension_installed(name: str, registered: set[str]) -> bool:
    import importlib.util

    if name in registered:
        return True
    module = name.split(":", 1)[0]
    for candidate in (module, f"markdown.extensions.{module}"):
        try:
            if importlib.util.find_spec(candidate) is not None:
                return True
        except (ImportError, ValueError):
            continue
    return False


def missing_extension(data: dict[str, Any], text: str) -> Problem | None:
    """A Markdown extension that is not installed, located on its mkdocs.yml line."""
    import importlib.metadata

    registered = {ep.name for ep in importlib.metadata.entry_points(group="markdown.extensions")}
    for name in _extension_names(data):
        if _extension_installed(name, registered):
            continue
        lines = text.splitlines()
        line = next((i for i, row in enumerate(lines, 1) if name in row and not row.lstrip().startswith("#")), 1)
        column = lines[line - 1].find(name) + 1 if lines else 1
        return Problem(
            CONFIG_FILE,
            line,
            max(column, 1),
            f"the Markdown extension '{name}' is not installed; install the package that "
            "provides it (pip install ...) or remove it from markdown_extensions",
        )
    return None


IFRAME_WORKER_SHIM = "assets/javascripts/iframe-worker-shim.js"


def with_local_polyfills(extra: Any) -> dict[str, Any]:
    """Serve the file:// search shim from the site: Material's offline plugin would load it
    from a CDN unless one is already listed, and the site makes no third-party requests."""
    settings: dict[str, Any] = dict(extra) if isinstance(extra, dict) else {}
    polyfills = list(settings.get("polyfills") or [])
    if not any("iframe-worker" in str(url) for url in polyfills):
        polyfills.append(IFRAME_WORKER_SHIM)
    settings["polyfills"] = polyfills
    return settings


def _plugin_name(entry: Any) -> str:
    return next(iter(entry)) if isinstance(entry, dict) else str(entry)


NAV_MODULES_MAX = 20


def navigation(curriculum: Curriculum) -> list[Any]:
    """A short navigation: top pages and modules, not every session.

    With every session in the navigation each page would carry the whole tree and
    the build would grow with the square of the page count. Sessions are reached
    from their module page, the schedule, search, and previous/next links. Past
    NAV_MODULES_MAX modules, only the list of modules is in it, for the same reason:
    every page's size then stays the same whatever the size of the curriculum.
    """
    modules = curriculum.modules if len(curriculum.modules) <= NAV_MODULES_MAX else ()
    return [
        {"Home": paths.HOME},
        {"Program": [{"Overview": paths.PROGRAM}, {"Schedule": paths.SCHEDULE}]},
        {
            "Modules": [{"All modules": paths.MODULES}]
            + [{inert_html(plain_text(m.module.title)): paths.module_page(m)} for m in modules]
        },
        {"Handouts": paths.HANDOUTS},
        {
            "Facilitator kit": [
                {"Overview": paths.FACILITATOR},
                {"Escalation card": paths.ESCALATION},
                {"Sign-in sheet": paths.SIGN_IN},
            ]
        },
        {"Browse": [{"Group types": paths.GROUP_TYPES}, {"Topics": paths.TAGS}, {"Glossary": paths.GLOSSARY}]},
        {"For editors": [{"Writing a session": paths.WRITING}, {"Reading level": paths.READING}]},
    ]


NOT_IN_NAV = "/modules/*/*.md\n/handouts/*.md\n/group-types/*.md\n/tags/*.md\n/kit/*.md\n"


def curriculum_settings(curriculum: Curriculum, logo: str | None) -> dict[str, Any]:
    """What the curriculum decides about the engine's configuration, for every entry point
    (`curriculum build`, `export`, and the MkDocs plugin behind `mkdocs build` and `serve`).

    Text the theme prints raw (site name, copyright, navigation) is made inert here, once.
    """
    program = curriculum.program
    return {
        "site_name": inert_html(plain_text(program.title)),
        "nav": navigation(curriculum),
        "not_in_nav": NOT_IN_NAV,
        "copyright": inert_html(plain_text(f"{program.organization} · {program.title} · version {program.version}")),
        "language": program.language.split("-")[0],
        "logo": logo,
    }


def site_config(
    root: Path,
    curriculum: Curriculum,
    docs_dir: Path,
    site_dir: Path,
    *,
    keep_curriculum_plugin: bool = False,
    logo: str | None = None,
) -> dict[str, Any]:
    """The project's settings plus what the curriculum decides: name, nav, language, colours."""
    config = read_base_config(root)
    settings = curriculum_settings(curriculum, logo)
    config["site_name"] = settings["site_name"]
    config["docs_dir"] = str(docs_dir)
    config["site_dir"] = str(site_dir)
    config["use_directory_urls"] = False
    config["nav"] = settings["nav"]
    config["not_in_nav"] = settings["not_in_nav"]
    config.setdefault("copyright", settings["copyright"])
    theme = config.get("theme") or {"name": "material"}
    theme = dict(theme) if isinstance(theme, dict) else {"name": str(theme)}
    theme["language"] = settings["language"]
    theme["font"] = False
    if logo:
        theme["logo"] = logo
        theme.pop("icon", None)
    custom_dir = theme.get("custom_dir")
    if custom_dir and not Path(custom_dir).is_absolute():
        theme["custom_dir"] = str((root / custom_dir).resolve())
    config["theme"] = theme
    extra_css = list(config.get("extra_css") or [])
    for sheet in (
        "assets/stylesheets/curriculum.css",
        "assets/stylesheets/a11y.css",
        "assets/stylesheets/kit.css",
        paths.BRAND_CSS,
    ):
        if sheet not in extra_css:
            extra_css.append(sheet)
    config["extra_css"] = extra_css
    extra_js = list(config.get("extra_javascript") or [])
    for script in ("assets/javascripts/a11y.js", "assets/javascripts/kit.js", "assets/javascripts/tonight.js"):
        if script not in extra_js:
            extra_js.append(script)
    config["extra_javascript"] = extra_js
    config["extra"] = with_local_polyfills(config.get("extra"))
    plugins = list(config.get("plugins") or ["search"])
    if not keep_curriculum_plugin:
        plugins = [p for p in plugins if _plugin_name(p) != "curriculum"]
    config["plugins"] = plugins
    config.pop("INHERIT", None)
    return config


GENERATED_HEADER = "# Generated by `curriculum`; edit the project's mkdocs.yml instead.\n"


def dump_config(config: dict[str, Any]) -> str:
    return GENERATED_HEADER + yaml.dump(config, Dumper=_SettingsDumper, sort_keys=False, allow_unicode=True)
