"""Command line: parse arguments, run the pipeline, print, exit.

Exit codes: 0 success; 1 ``--check`` found drift; 2 a blueprint is invalid
(every problem printed as ``file:line:column: field: message``, at most 50,
then a count) or the command line is; 3 plgen itself failed (a bug: please
report it with PLGEN_DEBUG=1 output); 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import os
import signal
import sys


def _interrupted(*_: object) -> None:
    """Ctrl-C: one line and exit 130.

    Installed as the SIGINT handler, so it runs at once in the main thread,
    before a jsii call can fail on the Node process the same Ctrl-C just
    stopped (which would be an "internal error", exit 3); ``os._exit`` skips
    the atexit hook that would then write to that dead process and print a
    traceback. Output is flushed first; what a render leaves on disk is the
    writer's guarantee (plgen.emit.writer), which an exit at any point keeps.
    Run as a program, plgen installs it before its own imports, so a Ctrl-C
    while Python is still importing is the same one line.
    """
    try:
        sys.stdout.flush()
        sys.stderr.write("\ninterrupted\n")
        sys.stderr.flush()
    finally:
        os._exit(130)


if __name__ == "__main__" or os.path.basename(sys.argv[0]) == "plgen":
    signal.signal(signal.SIGINT, _interrupted)

import json  # noqa: E402  (after the handler: an interrupted import is one line too)
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import click  # noqa: E402

from plgen.errors import MAX_PRINTED, BlueprintError, PlgenError, more_problems, printable  # noqa: E402

DEFAULT_BLUEPRINTS = Path("blueprints")
DEFAULT_OUT = Path("modules_out")


def _blueprint_paths(paths: tuple[Path, ...]) -> list[Path]:
    if paths:
        return list(paths)
    if not DEFAULT_BLUEPRINTS.is_dir():
        raise click.UsageError(f"no blueprints given, and there is no {DEFAULT_BLUEPRINTS}/ folder in {printable(str(Path.cwd()))}; name the blueprint files")
    found = sorted(DEFAULT_BLUEPRINTS.glob("*.yaml"))
    if not found:
        raise click.UsageError(f"no blueprints given and none found in {DEFAULT_BLUEPRINTS}/*.yaml")
    return found


MAX_BYTES_OPTION = click.option(
    "--max-bytes",
    "max_bytes",
    type=click.IntRange(min=1),
    default=None,
    help="Largest blueprint file read, in bytes (default 10,000,000); raise it for a very large blueprint.",
)


def _check_files(paths: list[Path]) -> list[Path]:
    """``paths``, once none is a device, a FIFO, a directory or over the byte limit (from ``stat``, before the compiler is imported)."""
    from plgen.blueprint.loader import check_file

    problems = []
    for path in paths:
        try:
            check_file(path)
        except BlueprintError as exc:
            problems.extend(exc.problems)
    if problems:
        raise BlueprintError(problems)
    return paths


class _Main(click.Group):
    """The command group; Ctrl-C anywhere in a command (imports, jsii, writing) exits 130 with one line."""

    def main(self, *args, **kwargs):
        try:
            previous = signal.signal(signal.SIGINT, _interrupted)
        except ValueError:  # not the main thread (an embedding): KeyboardInterrupt in invoke still applies
            previous = None
        try:
            return super().main(*args, **kwargs)
        finally:
            if previous is not None:
                signal.signal(signal.SIGINT, previous)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            _interrupted()


def _run(action, max_bytes: int | None = None):
    """Turn plgen's errors into messages and exit codes; never show a traceback for bad input."""
    from plgen.blueprint.loader import byte_limit

    try:
        with byte_limit(max_bytes):
            return action()
    except BlueprintError as exc:
        for problem in exc.problems[:MAX_PRINTED]:
            click.echo(f"error: {problem}", err=True)
        count = exc.count
        if count > MAX_PRINTED:
            click.echo(more_problems(count - min(len(exc.problems), MAX_PRINTED)), err=True)
        click.echo(f"{count:,} problem{'s' if count != 1 else ''} found; nothing was written.", err=True)
        sys.exit(exc.exit_code)
    except PlgenError as exc:
        click.echo(f"error: {printable(str(exc))}", err=True)
        sys.exit(exc.exit_code)
    except click.ClickException:  # a usage error: click prints it and exits 2
        raise
    except Exception as exc:  # a bug in plgen: short message unless asked for details
        if os.environ.get("PLGEN_DEBUG"):
            raise
        click.echo(f"internal error: {type(exc).__name__}: {exc}\n(rerun with PLGEN_DEBUG=1 for details; nothing was written)", err=True)
        sys.exit(3)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="plgen")
def main() -> None:
    """plgen compiles AWS PrivateLink blueprints (YAML) into Terraform modules.

    \b
    Typical use, from the repository root:
      plgen validate blueprints/saas.yaml     check a blueprint, write nothing
      plgen render                            compile blueprints/*.yaml into modules_out/
      plgen render --check                    fail if modules_out/ is out of date
      plgen docs                              write the blueprint catalogue to docs/catalogue/
    """


@main.command()
@click.argument("blueprints", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path, file_okay=False),
    default=DEFAULT_OUT,
    show_default=True,
    help="Folder that receives one sub-folder per blueprint.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "hcl", "both"]),
    default="both",
    show_default=True,
    help="Terraform JSON, HCL, or both side by side (json/ and hcl/).",
)
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if any file in --out differs from what the blueprints compile to.")
@MAX_BYTES_OPTION
def render(blueprints: tuple[Path, ...], out: Path, fmt: str, check: bool, max_bytes: int | None) -> None:
    """Compile BLUEPRINTS (default: blueprints/*.yaml) into Terraform modules under --out.

    Every blueprint is validated and every consumer path proven before anything
    is written. Only plgen's own files are replaced, each atomically (a manifest
    in each folder lists them): Terraform state, lock files, .terraform/ and any
    file a user added stay. Concurrent renders into one --out take turns.
    Generated files name each blueprint by its path from the folder that holds --out.
    """
    from plgen.compiler import compile_paths, prove_paths
    from plgen.emit.layout import FORMATS, writers
    from plgen.emit.writer import check_trees, write_trees

    formats = FORMATS if fmt == "both" else (fmt,)
    missing = [f for f in formats if f not in writers()]
    if missing:
        raise click.UsageError(f"format {', '.join(missing)} is not available in this installation")

    def action() -> None:
        started = time.perf_counter()
        outputs = compile_paths(_check_files(_blueprint_paths(blueprints)), formats, project=out.resolve().parent)
        warnings = prove_paths(outputs)  # a failing consumer path is an error (exit 2), a weak one a warning, said at the end
        if check:  # only plgen's own files can drift; state, lock files and user files are not looked at
            problems = check_trees(out, [(result.name, result.files, result.source) for result in outputs])
            for problem in problems:
                click.echo(f"drift: {problem}", err=True)
            if problems:
                click.echo("modules are out of date; run `plgen render` and commit the result.", err=True)
                sys.exit(1)
            _warn(warnings)
            click.echo(f"{len(outputs)} blueprint(s) up to date in {out}/")
            return
        summaries = write_trees(out, [(result.name, result.files) for result in outputs])  # never touches a file plgen did not write
        for result in outputs:
            for note in summaries[result.name].notes:
                click.echo(f"note: {note}", err=True)
            click.echo(f"rendered {result.source} -> {out / result.name}/ ({len(result.files)} files)")
        _warn(warnings)
        click.echo(f"{len(outputs)} blueprint(s) in {time.perf_counter() - started:.2f}s")

    _run(action, max_bytes)


def _warn(warnings) -> None:
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)


@main.command()
@click.argument("blueprints", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@MAX_BYTES_OPTION
def validate(blueprints: tuple[Path, ...], max_bytes: int | None) -> None:
    """Check BLUEPRINTS (schema and the reference notes' rules) without writing anything."""

    def action() -> None:
        paths = _check_files(list(blueprints))
        from plgen.compiler import load_all

        for path, bp in load_all(paths):
            click.echo(f"ok: {printable(str(path))} ({bp.pattern}, {len(bp.providers)} provider(s), {len(bp.consumers)} consumer(s))")

    _run(action, max_bytes)


@main.command()
@click.argument("blueprints", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--out", "out", type=click.Path(path_type=Path, file_okay=False), default=Path("docs"), show_default=True, help="Folder that receives catalogue/.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if the committed catalogue pages differ from the blueprints.")
@click.option("--no-images", is_flag=True, help="Do not draw SVG diagrams with graphviz (they are drawn when `dot` is installed).")
def docs(blueprints: tuple[Path, ...], out: Path, check: bool, no_images: bool) -> None:
    """Generate the blueprint catalogue (OUT/catalogue/*.md) from BLUEPRINTS (default: blueprints/*.yaml).

    One page per blueprint (pattern guide, this blueprint's choices, diagram,
    the blueprint, module inputs and outputs, how to apply) and an index.
    Pages name each blueprint by its path from the folder that holds OUT.
    """
    from plgen.compiler import compile_paths
    from plgen.docs import catalogue

    def action() -> None:
        files = catalogue.build(compile_paths(_check_files(_blueprint_paths(blueprints)), project=out.resolve().parent))
        if check:
            problems = catalogue.drift(out, files)
            for problem in problems:
                click.echo(f"drift: {problem}", err=True)
            if problems:
                click.echo("the catalogue is out of date; run `plgen docs` and commit the result.", err=True)
                sys.exit(1)
            for image in catalogue.stale_images(out, files):
                click.echo(f"note: {image} is missing or stale; run `plgen docs` where graphviz is installed (images are not checked)", err=True)
            click.echo(f"{len(files)} catalogue file(s) up to date in {out / catalogue.CATALOGUE}/")
            return
        count, drawn = catalogue.write(out, files, images=not no_images)
        note = "SVG diagrams drawn with graphviz" if drawn else "SVG diagrams not drawn (graphviz `dot` not found or --no-images)"
        click.echo(f"wrote {count} file(s) to {out / catalogue.CATALOGUE}/; {note}")

    _run(action)


@main.command()
@click.argument("target", type=click.Path(path_type=Path, exists=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["mermaid", "dot", "json"]),
    default="mermaid",
    show_default=True,
    help="Mermaid flowchart, Graphviz DOT, or node-link JSON.",
)
def graph(target: Path, fmt: str) -> None:
    """Print the resource graph of TARGET: a blueprint (compiled in memory) or a rendered root folder (JSON or HCL).

    \b
    Nodes are resources, data sources, variables, locals, outputs, module calls
    (with their modules' nodes under the call's address) and providers; an edge
    means "refers to".
    """
    from plgen import graph as resource_graph

    def action() -> None:
        if target.is_dir():
            try:
                g = resource_graph.load(target)
            except (FileNotFoundError, ValueError) as exc:  # not a rendered root, or a file Terraform would reject too
                click.echo(f"error: {exc}", err=True)
                sys.exit(2)
        else:
            from plgen.compiler import compile_paths

            g = resource_graph.from_modules(compile_paths([target])[0].compiled.modules)
        if fmt == "json":
            click.echo(json.dumps(resource_graph.to_json(g), indent=2, sort_keys=True))
        else:
            click.echo((resource_graph.to_dot if fmt == "dot" else resource_graph.to_mermaid)(g), nl=False)

    _run(action)


@main.command()
@click.argument("target", type=click.Path(path_type=Path, exists=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="One block per path, or JSON for machines.")
def paths(target: Path, fmt: str) -> None:
    """Prove that every consumer reaches its service, hop by hop; exit 1 if any path fails.

    TARGET is a blueprint (compiled in memory) or a Terraform root folder
    (JSON or HCL: plgen's, with its terraform.tfvars.json, or anyone's, whose
    interface endpoints are found from the resources), judged as it is on disk:
    source, endpoint, security group, acceptance, listener, target group,
    targets, peering and DNS, each PASS, WARN or FAIL with the reason. A root
    where no path is found cannot be judged: exit 2.
    """
    from plgen.paths import FAIL, EvaluationError, Root, prove
    from plgen.paths import report

    def action() -> None:
        if target.is_dir():
            try:
                root, name = Root.folder(target), str(target)
                found = prove(root)
            except (FileNotFoundError, ValueError, EvaluationError) as exc:
                click.echo(f"error: {target}: cannot judge: {exc}", err=True)
                sys.exit(2)
        else:
            from plgen.compiler import compile_paths

            (output,) = compile_paths([target])
            name, found = output.name, prove(Root.modules(output.compiled.modules, output.compiled.inputs))
        if not found:  # nothing proven is not a PASS: a CI gate must not go green on a root it could not judge
            click.echo(f"error: {target}: cannot judge: no interface endpoint (aws_vpc_endpoint of type Interface) or declared consumer path found", err=True)
            sys.exit(2)
        if fmt == "json":
            click.echo(json.dumps(report.as_json(name, found), indent=2, sort_keys=True))
        else:
            click.echo(report.text(name, found), nl=False)
        if any(p.status == FAIL for p in found):
            sys.exit(1)

    _run(action)


@main.command()
def schema() -> None:
    """Print the blueprint JSON Schema (for editors: yaml-language-server)."""
    from plgen.blueprint.schema import json_schema
    from plgen.patterns import PATTERNS

    click.echo(json.dumps(json_schema(list(PATTERNS)), indent=2, sort_keys=True))


if __name__ == "__main__":
    main()
