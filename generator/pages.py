"""Phase two, pure: the validated curriculum and the templates in, {docs path: Markdown} out."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, TemplateError, TemplateSyntaxError, meta

from . import content_memo, kit, paths
from .errors import BuildFailed
from .model import Curriculum, ModuleEntry, SessionEntry
from .run_sheet import run_sheet
from .scaffold import session_yaml
from .schema import GroupType
from .schema_docs import field_tables


@dataclass(frozen=True)
class RenderOptions:
    """What the pages may link to: PDFs and the site zip exist only when built."""

    with_pdfs: bool = True
    with_zip: bool = True


def _linker(page: str) -> Callable[[str], str]:
    return lambda target: paths.relative_link(target, page)


def _shown_path(filename: str, env: Environment) -> str:
    """A template's path as the user knows it: 'overrides/x.md.j2' or 'site_templates/x.md.j2'."""
    loaders = getattr(env.loader, "loaders", [env.loader])
    for loader in loaders:
        for folder in getattr(loader, "searchpath", []):
            try:
                relative = Path(filename).resolve().relative_to(Path(folder).resolve())
            except ValueError:
                continue
            return f"{Path(folder).name}/{relative.as_posix()}"
    return filename


def template_problem(error: Exception, template: str, env: Environment) -> BuildFailed:
    """Name the template file and line that failed, as for YAML problems."""
    filename, line = template, 1
    if isinstance(error, TemplateSyntaxError) and error.lineno:
        filename, line = error.filename or error.name or template, error.lineno
    else:
        frame = error.__traceback__
        while frame is not None:  # Jinja maps template frames to the template's own lines
            code = frame.tb_frame.f_code.co_filename
            if code.endswith(".j2"):
                filename, line = code, frame.tb_lineno
            frame = frame.tb_next
    message = getattr(error, "message", None) or str(error)
    if isinstance(error, RecursionError):
        message = (
            "the template includes or extends itself without end; to change one part of a "
            f'shipped page, extend its base instead: {{% extends "base/{template}" %}}'
        )
    elif isinstance(error, OSError):
        message = f"cannot read a template file ({error.strerror or error})"
    elif not isinstance(error, TemplateError):
        message = f"{type(error).__name__}: {message}"
    return BuildFailed(
        f"{_shown_path(filename, env)}:{line}:1: error: template '{template}': {message}; "
        "fix the template (or remove your override of it)"
    )


SESSION_TEMPLATES = ("lesson_plan.md.j2", "handout.md.j2", "kit.md.j2")


def reads_other_sessions(env: Environment, names: tuple[str, ...] = SESSION_TEMPLATES) -> bool:
    """Whether these templates, or any template they include, extend or import, may read
    the whole curriculum (or name a template only known when rendering, which might).

    A session's pages that read only their own session, module and program can be kept
    by a live server until one of those changes."""
    seen: set[str] = set()
    waiting = list(names)
    while waiting:
        name = waiting.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            source = env.loader.get_source(env, name)[0] if env.loader else ""
            tree = env.parse(source)
        except (TemplateError, OSError):
            return True  # rendering will report it; nothing is kept meanwhile
        if "curriculum" in meta.find_undeclared_variables(tree):
            return True
        for referenced in meta.find_referenced_templates(tree):
            if referenced is None:
                return True
            waiting.append(referenced)
    return False


class PageSet(dict[str, str]):
    """Pages by path; two pages on one path is an error naming both, not a silent overwrite."""

    def __setitem__(self, path: str, text: str) -> None:
        if path in self:
            raise BuildFailed(
                f"two generated pages map to '{path}': rename the session id or tag "
                "that produces this path (ids such as 'index' are reserved)"
            )
        super().__setitem__(path, text)

    def update(self, *args: Any, **kwargs: Any) -> None:
        for path, text in dict(*args, **kwargs).items():
            self[path] = text


class Renderer:
    """Renders every page of the site from one curriculum; holds no state between calls."""

    def __init__(self, curriculum: Curriculum, env: Environment, options: RenderOptions) -> None:
        self.c = curriculum
        self.env = env
        self.options = options

    def _render(self, template: str, page: str, **context: Any) -> str:
        try:
            return self._render_unchecked(template, page, **context)
        except (
            TemplateError,
            ArithmeticError,
            LookupError,
            TypeError,
            ValueError,
            AttributeError,
            OSError,
            RecursionError,
        ) as error:
            # A user's override can fail in any of these ways; each is located, never "unexpected".
            raise template_problem(error, template, self.env) from None

    def _render_unchecked(self, template: str, page: str, **context: Any) -> str:
        return self.env.get_template(template).render(
            program=self.c.program,
            curriculum=self.c,
            page=page,
            link=_linker(page),
            href=_linker(page),
            paths=paths,
            options=self.options,
            group_label=lambda value: GroupType(value).label,
            **context,
        )

    def _sessions_by(self, key: Callable[[SessionEntry], list[str]]) -> dict[str, list[SessionEntry]]:
        grouped: dict[str, list[SessionEntry]] = defaultdict(list)
        for entry in self.c.sessions:
            for value in key(entry):
                grouped[value].append(entry)
        return dict(sorted(grouped.items()))

    def _tags(self, entry: SessionEntry) -> list[str]:
        module = self.c.module(entry.module_id).module
        return sorted(set(entry.session.tags) | set(module.tags))

    def pages(self) -> dict[str, str]:
        out: dict[str, str] = PageSet()
        c = self.c
        out[paths.HOME] = self._render("home.md.j2", paths.HOME)
        out[paths.PROGRAM] = self._render("program.md.j2", paths.PROGRAM)
        out[paths.SCHEDULE] = self._render("schedule.md.j2", paths.SCHEDULE)
        out[paths.MODULES] = self._render("modules.md.j2", paths.MODULES)
        out[paths.HANDOUTS] = self._render("handouts.md.j2", paths.HANDOUTS)
        by_type = self._sessions_by(lambda e: [e.group_type.value])
        out[paths.GROUP_TYPES] = self._render("group_types.md.j2", paths.GROUP_TYPES, groups=by_type)
        for value, entries in by_type.items():
            page = paths.group_type_page(value)
            out[page] = self._render(
                "listing.md.j2",
                page,
                heading=f"Group type: {GroupType(value).label}",
                entries=entries,
                intro_kind="group_type",
                key=value,
            )
        by_tag = self._sessions_by(self._tags)
        out[paths.TAGS] = self._render("tags.md.j2", paths.TAGS, groups=by_tag)
        for value, entries in by_tag.items():
            page = paths.tag_page(value)
            out[page] = self._render(
                "listing.md.j2", page, heading=f"Topic: {value}", entries=entries, intro_kind="tag", key=value
            )
        out[paths.GLOSSARY] = self._render("glossary.md.j2", paths.GLOSSARY)
        example = session_yaml("example-module", "example-session")
        out[paths.WRITING] = self._render(
            "writing_a_session.md.j2", paths.WRITING, tables=field_tables(), example=example
        )
        out[paths.READING] = self._render("reading_level.md.j2", paths.READING)
        out[paths.BRAND_CSS] = self._render("brand.css.j2", paths.BRAND_CSS)
        out.update(self.facilitator_pages())
        for module in c.modules:
            out[paths.module_page(module)] = self._render("module.md.j2", paths.module_page(module), module=module)
            for entry in module.sessions:
                out.update(self._remembered_session_pages(module, entry))
        return out

    def _remembered_session_pages(self, module: ModuleEntry, entry: SessionEntry) -> dict[str, str]:
        """A live server renders a session's pages again only when what they show changed."""

        def render() -> dict[str, str]:
            return self.session_pages(module, entry)

        if not content_memo.active() or content_memo.object_result(self.env, lambda: reads_other_sessions(self.env)):
            return render()
        inputs = (
            self.env,
            self.options,
            self.c.program,
            module,
            entry,
            self.c.start_times(entry),
            tuple(self._tags(entry)),
        )
        return content_memo.inputs_result(f"session-pages:{entry.id}", inputs, render)

    def session_pages(self, module: ModuleEntry, entry: SessionEntry) -> dict[str, str]:
        sessions = module.sessions
        index = sessions.index(entry)
        neighbours = {
            "previous": sessions[index - 1] if index > 0 else None,
            "next": sessions[index + 1] if index + 1 < len(sessions) else None,
        }
        # The run sheet keeps the clock of the session's first slot (the plan names any others).
        start_times = self.c.start_times(entry) or (self.c.program.schedule.start_time,)
        start = start_times[0]
        parts = run_sheet(entry, start)
        card = kit.check_in_card(entry, self.c.program.schedule.group_size_max)
        plan, sheet = paths.lesson_plan(entry), paths.handout(entry)
        exercises = {e.id: e for e in entry.session.exercises}
        common = {"module": module, "entry": entry, "s": entry.session}
        return {
            plan: self._render(
                "lesson_plan.md.j2",
                plan,
                **common,
                parts=parts,
                exercises=exercises,
                card=card,
                start_times=start_times,
                tags=self._tags(entry),
                **neighbours,
            ),
            sheet: self._render("handout.md.j2", sheet, **common, h=entry.session.handout),
            paths.kit_page(entry): self._render(
                "kit.md.j2",
                paths.kit_page(entry),
                **common,
                start=start,
                card=card,
                fidelity=kit.fidelity_rows(entry, parts),
                note=kit.group_note(self.c, module, entry, parts, start),
                privacy=kit.PRIVACY_NOTICE,
                sign_in_rows=kit.sign_in_rows(self.c.program.schedule.group_size_max),
            ),
        }

    def facilitator_pages(self) -> dict[str, str]:
        """The kit's program-wide pages: the overview, the escalation card, the sign-in sheet."""
        order = self.c.sessions_in_running_order()
        rows = kit.sign_in_rows(self.c.program.schedule.group_size_max)
        return {
            paths.FACILITATOR: self._render(
                "facilitator.md.j2", paths.FACILITATOR, privacy=kit.PRIVACY_NOTICE, order=order
            ),
            paths.ESCALATION: self._render("escalation_card.md.j2", paths.ESCALATION),
            paths.SIGN_IN: self._render("sign_in_sheet.md.j2", paths.SIGN_IN, sign_in_rows=rows),
        }


def render_site(curriculum: Curriculum, env: Environment, options: RenderOptions | None = None) -> dict[str, str]:
    """Every generated file of the docs tree, as {path: text}; deterministic for the same input."""
    return Renderer(curriculum, env, options or RenderOptions()).pages()
