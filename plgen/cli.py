"""Command line: parse arguments, run the pipeline, print, exit.

Exit codes: 0 success (also when the reader of standard output closed it
after plgen wrote everything else, as ``plgen render | head -1`` does); 1
``--check`` found drift or a path fails; 2 a blueprint is invalid (every
problem printed as ``file:line:column: field: message``, at most 50, then a
count), the command line is, or the world refused (a full disk, a read-only
folder, an unwritable standard output: one line naming the file); 3 plgen
itself failed (a bug: please report it with PLGEN_DEBUG=1 output); 130
interrupted (Ctrl-C).
"""

from __future__ import annotations

import atexit
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
        # jsii's temporary folders live in the engine's private folder. A Ctrl-C while that module is still being
        # imported finds it in sys.modules without ``abandon``: it has made no folder yet, so there is nothing to remove.
        abandon = getattr(sys.modules.get("plgen.terraform.engine"), "abandon", None)
        if abandon is not None:
            abandon()
        os._exit(130)


AS_PROGRAM = __name__ == "__main__" or os.path.basename(sys.argv[0]) == "plgen"
if AS_PROGRAM:
    signal.signal(signal.SIGINT, _interrupted)


def _exit_program(code: object) -> None:
    """End the process with a finished command's status, Ctrl-C still plgen's one line and 130 until the end.

    Python resets SIGINT to its default action while it finalizes, after the atexit hooks ("Py_FinalizeEx",
    https://docs.python.org/3.11/c-api/init.html#c.Py_FinalizeEx): a Ctrl-C landing in that window (jsii stopping
    Node takes a moment) killed plgen by the signal, status -2, instead of the one line and 130. So a finished
    command runs the exit hooks itself (jsii stops Node; the engine's private folder goes), flushes its output and
    ends with ``os._exit``, under its own handler throughout. ``code`` is ``SystemExit``'s, read as Python does.
    """
    status = 0 if code is None else code if isinstance(code, int) else 1
    if not isinstance(code, (int, type(None))):
        print(code, file=sys.stderr)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: what was asked is done
            pass
    os._exit(status)

import errno  # noqa: E402  (after the handler: an interrupted import is one line too)
import gc  # noqa: E402
import json  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import click  # noqa: E402

from plgen.errors import MAX_PRINTED, BlueprintError, PlgenError, more_problems, printable  # noqa: E402

DEFAULT_BLUEPRINTS = Path("blueprints")
DEFAULT_OUT = Path("modules_out")
GC_THRESHOLD = 10_000  # allocations between young collections (CPython's default is 700); see _Main.main


class _OutputError(PlgenError):
    """Standard output cannot be written (a full device, an I/O error): the world's fault, exit 2."""

    exit_code = 2


def _stdout_closed() -> None:
    """The reader of standard output went away (``| head``): later output goes nowhere, the command finishes.

    What plgen prints on standard output is a report of work already done (a
    render's files are written before it says so) or a document the reader
    chose to stop reading, so a closed pipe is neither a failure nor a bug.
    Python's own advice: point the descriptor at ``/dev/null`` so the flush at
    exit cannot fail again (https://docs.python.org/3/library/signal.html#note-on-sigpipe).
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no descriptor (an embedding's stream): nothing left to protect
        pass


def _out(text: str, nl: bool = True) -> None:
    """``click.echo`` to standard output; a closed pipe is quiet, any other write error one line (exit 2)."""
    try:
        click.echo(text, nl=nl)
    except BrokenPipeError:
        _stdout_closed()
    except OSError as exc:
        raise _OutputError(f"cannot write to standard output: {exc.strerror or exc} (write to another file or device)") from None


def _environment_error(exc: OSError) -> str:
    """One line for an ``OSError`` plgen met outside its own files: the file, what the system said, what to do."""
    hints = {
        errno.ENOSPC: "free some space",
        errno.EDQUOT: "free some space",
        errno.EACCES: "fix its permissions or choose another folder",
        errno.EPERM: "fix its permissions or choose another folder",
        errno.EROFS: "choose a folder on a writable file system",
        errno.ENOTDIR: "a part of this path is a file, not a folder",
    }
    where = f"{printable(str(exc.filename))}: " if exc.filename else ""
    return f"{where}{exc.strerror or exc} ({hints.get(exc.errno, 'fix it and run again')})"


def _in_folder(folder: Path) -> list[Path]:
    """The blueprints in ``folder``: its ``*.yaml`` and ``*.yml`` files, sorted (not its sub-folders)."""
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))


def _blueprint_paths(paths: tuple[Path, ...]) -> list[Path]:
    """The blueprint files named, a folder standing for its ``*.yaml``/``*.yml``; none named: ``blueprints/*.yaml``."""
    if paths:
        found: list[Path] = []
        for path in paths:
            if path.is_dir():
                inside = _in_folder(path)
                if not inside:
                    raise click.UsageError(f"no *.yaml or *.yml blueprint in the folder {printable(str(path))}")
                found.extend(inside)
            else:
                found.append(path)
        return found
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
        # A render allocates millions of small objects that live to its end (documents, parse trees, evaluated
        # instances) and frees few. CPython's default thresholds (700, 10, 10) then run a young collection every 700
        # allocations, each finding nothing to free: a fifth of a 1,000-consumer proof. Collections stay on (a cycle
        # is still freed), just less often (https://docs.python.org/3.11/library/gc.html#gc.set_threshold).
        gc.set_threshold(GC_THRESHOLD, 10, 10)
        try:
            previous = signal.signal(signal.SIGINT, _interrupted)
        except ValueError:  # not the main thread (an embedding): KeyboardInterrupt in invoke still applies
            previous = None
        try:
            return super().main(*args, **kwargs)
        except SystemExit as exc:
            if AS_PROGRAM:  # the process ends here: no window where Ctrl-C is Python's
                _exit_program(exc.code)
            raise
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
    except BrokenPipeError:  # standard output closed by its reader (| head): what was asked is done
        _stdout_closed()
        sys.exit(0)
    except OSError as exc:  # the world refused (a read-only folder, a full disk): not a plgen bug
        if os.environ.get("PLGEN_DEBUG"):
            raise
        click.echo(f"error: {_environment_error(exc)}", err=True)
        sys.exit(2)
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
      plgen rules                             list every rule a blueprint is checked by
    """


@main.command()
@click.argument("blueprints", nargs=-1, type=click.Path(path_type=Path))
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
    """Compile BLUEPRINTS (default: blueprints/*.yaml; a folder: its *.yaml and *.yml) into Terraform modules under --out.

    Every blueprint is validated and every consumer path proven before anything
    is written. Only plgen's own files are replaced, each atomically (a manifest
    in each folder lists them): Terraform state, lock files, .terraform/ and any
    file a user added stay. Concurrent renders into one --out take turns.
    Generated files name each blueprint by its path from the folder that holds --out.
    """
    from plgen.terraform import engine

    engine.start()  # Node starts while Python imports the compiler and reads the blueprints
    from plgen.compiler import compile_paths, prove_paths
    from plgen.emit.layout import FORMATS, writers
    from plgen.emit.drift import check_trees
    from plgen.emit.writer import write_trees

    formats = FORMATS if fmt == "both" else (fmt,)
    missing = [f for f in formats if f not in writers()]
    if missing:
        raise click.UsageError(f"format {', '.join(missing)} is not available in this installation")

    def action() -> None:
        started = time.perf_counter()
        from plgen.paths import prepare  # the proof's parser, made while the engine starts

        outputs = compile_paths(_check_files(_blueprint_paths(blueprints)), formats, project=out.resolve().parent, meanwhile=prepare)
        warnings = prove_paths(outputs)  # a failing consumer path is an error (exit 2), a weak one a warning, said at the end
        if check:  # only plgen's own files can drift; state, lock files and user files are not looked at
            problems = check_trees(out, [(result.name, result.files, result.source) for result in outputs])
            for problem in problems:
                click.echo(f"drift: {problem}", err=True)
            if problems:
                click.echo("modules are out of date; run `plgen render` and commit the result.", err=True)
                sys.exit(1)
            _warn(warnings)
            _out(f"{len(outputs)} blueprint(s) up to date in {out}/")
            return
        summaries = write_trees(out, [(result.name, result.files) for result in outputs])  # never touches a file plgen did not write
        for result in outputs:
            for note in summaries[result.name].notes:
                click.echo(f"note: {note}", err=True)
            _out(f"rendered {result.source} -> {out / result.name}/ ({len(result.files)} files)")
        _warn(warnings)
        _out(f"{len(outputs)} blueprint(s) in {time.perf_counter() - started:.2f}s")

    _run(action, max_bytes)


def _warn(warnings) -> None:
    """Each open path warning and each unused acceptance on its own line; the accepted ones in one summary line."""
    for warning in [*warnings.open, *warnings.unused]:
        click.echo(f"warning: {warning}", err=True)
    summary = warnings.summary()
    if summary:
        click.echo(f"note: {summary}", err=True)


@main.command()
@click.argument("blueprints", nargs=-1, required=True, type=click.Path(path_type=Path))
@MAX_BYTES_OPTION
def validate(blueprints: tuple[Path, ...], max_bytes: int | None) -> None:
    """Check BLUEPRINTS (schema and the reference notes' rules) without writing anything.

    A folder stands for its *.yaml and *.yml files, in name order.
    """

    def action() -> None:
        paths = _check_files(_blueprint_paths(blueprints))
        from plgen.compiler import load_all

        for path, bp in load_all(paths):
            _out(f"ok: {printable(str(path))} ({bp.pattern}, {len(bp.providers)} provider(s), {len(bp.consumers)} consumer(s))")

    _run(action, max_bytes)


@main.command()
@click.argument("blueprints", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "out", type=click.Path(path_type=Path, file_okay=False), default=Path("docs"), show_default=True, help="Folder that receives catalogue/.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if the committed catalogue pages differ from the blueprints.")
@click.option("--no-images", is_flag=True, help="Do not draw SVG diagrams with graphviz (they are drawn when `dot` is installed).")
@click.option(
    "--modules",
    "modules",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="The folder the modules are rendered into (`plgen render --out`), which the pages' commands and links name [default: modules_out beside OUT].",
)
def docs(blueprints: tuple[Path, ...], out: Path, check: bool, no_images: bool, modules: Path | None) -> None:
    """Generate the blueprint catalogue (OUT/catalogue/*.md) from BLUEPRINTS (default: blueprints/*.yaml).

    One page per blueprint (pattern guide, this blueprint's choices, diagram,
    the blueprint, module inputs and outputs, how to apply) and an index.
    Pages name each blueprint by its path from the folder that holds OUT.
    """
    from plgen.compiler import compile_paths
    from plgen.docs import catalogue

    def action() -> None:
        project = out.resolve().parent
        folder = catalogue.ModulesFolder.of(modules if modules is not None else project / DEFAULT_OUT, out, project)
        files = catalogue.build(compile_paths(_check_files(_blueprint_paths(blueprints)), project=project), folder)
        if check:
            problems = catalogue.drift(out, files)
            for problem in problems:
                click.echo(f"drift: {problem}", err=True)
            if problems:
                click.echo("the catalogue is out of date; run `plgen docs` and commit the result.", err=True)
                sys.exit(1)
            for image in catalogue.stale_images(out, files):
                click.echo(f"note: {image} is missing or stale; run `plgen docs` where graphviz is installed (images are not checked)", err=True)
            _out(f"{len(files)} catalogue file(s) up to date in {out / catalogue.CATALOGUE}/")
            return
        count, drawn = catalogue.write(out, files, images=not no_images)
        note = "SVG diagrams drawn with graphviz" if drawn else "SVG diagrams not drawn (graphviz `dot` not found or --no-images)"
        _out(f"wrote {count} file(s) to {out / catalogue.CATALOGUE}/; {note}")

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
            _out(json.dumps(resource_graph.to_json(g), indent=2, sort_keys=True))
        else:
            _out((resource_graph.to_dot if fmt == "dot" else resource_graph.to_mermaid)(g), nl=False)

    _run(action)


@main.command()
@click.argument("target", type=click.Path(path_type=Path, exists=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True, help="One block per path, JSON for machines, or Markdown for a pull-request comment.")
@click.option("--live", is_flag=True, help="Read the applied accounts (describe/list calls only, boto3: the live extra) instead of the Terraform.")
@click.option("--role-name", default=None, help="--live: read every account through this role (default: the role the units' providers assume).")
@click.option("--profile", default=None, help="--live: the AWS shared-config profile of the base credentials.")
@click.option("--region", default=None, help="--live: the Region of STS calls (the sides' own Regions are read where they are).")
def paths(target: Path, fmt: str, live: bool, role_name: str | None, profile: str | None, region: str | None) -> None:
    """Prove that every consumer reaches its service, hop by hop; exit 1 if any path fails.

    TARGET is a blueprint (compiled in memory) or a Terraform root folder
    (JSON or HCL: plgen's, with its terraform.tfvars.json, or anyone's, whose
    interface endpoints are found from the resources), judged as it is on disk:
    source, endpoint, security group, acceptance, listener, target group,
    targets, peering and DNS, each PASS, WARN or FAIL with the reason. A root
    where no path is found cannot be judged: exit 2.

    With --live, the same hops are judged on what the accounts hold after
    apply (TARGET: a blueprint, a rendered root, its units folder or a unit
    folder), each account read through a role (standard AWS SDK settings:
    credentials chain, profiles, AWS_ENDPOINT_URL); a failing hop names the
    unit to re-apply.
    """
    from plgen.paths import FAIL, EvaluationError, Root, prove
    from plgen.paths import report

    def action() -> None:
        fixes: dict = {}
        if live:
            name, found, fixes = _prove_live(target, role_name, profile, region)
        elif target.is_dir():
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
            click.echo(f"error: {target}: cannot judge: no endpoint (aws_vpc_endpoint of type Interface, Resource or ServiceNetwork) or declared consumer path found", err=True)
            sys.exit(2)
        if fmt == "json":
            click.echo(json.dumps(report.as_json(name, found, fixes), indent=2, sort_keys=True))
        elif fmt == "markdown":
            click.echo(report.pull_request(name, found, fixes), nl=False)
        else:
            colours = {"PASS": "green", "WARN": "yellow", "FAIL": "red"}
            paint = (lambda status: click.style(status, fg=colours.get(status))) if sys.stdout.isatty() else None
            click.echo(report.text(name, found, fixes, paint), nl=False)
        if any(p.status == FAIL for p in found):
            sys.exit(1)

    _run(action)


def _prove_live(target: Path, role_name: str | None, profile: str | None, region: str | None) -> tuple[str, list, dict]:
    """``paths --live``: the declaration and units folder of TARGET, proven on the accounts (``adapters.live_accounts``)."""
    units: Path | None = None
    if target.is_dir():
        if (target / "units.json").is_file():
            units, root = target, target.parent
        elif (target / "units" / "units.json").is_file():
            units, root = target / "units", target
        elif (target.parent / "units.json").is_file():
            units, root = target.parent, target.parent.parent
        else:
            root = target
        declaration = root / "terraform.tfvars.json"
        if not declaration.is_file():
            click.echo(f"error: {target}: cannot judge live: no terraform.tfvars.json (a plgen root, its units folder or a unit folder)", err=True)
            sys.exit(2)
        data, name = json.loads(declaration.read_text()), str(root)
    else:
        from plgen.compiler import compile_paths

        (output,) = compile_paths(_check_files([target]))
        data, name = output.compiled.inputs, output.name
    try:
        import boto3  # noqa: F401  (the live extra)
    except ImportError:
        click.echo("error: plgen paths --live needs boto3: pip install 'plgen[live]'", err=True)
        sys.exit(2)
    from botocore.exceptions import BotoCoreError, ClientError

    from plgen.paths.adapters.live_accounts import fixes, prove_accounts

    try:
        found, _ = prove_accounts(data, units, role_name, profile, region)
    except (BotoCoreError, ClientError) as exc:
        click.echo(f"error: {target}: cannot read the accounts: {printable(str(exc))}", err=True)
        sys.exit(2)
    return f"{name} (live)", found, fixes(found, units)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--rev", "rev", default=None, metavar="GIT_REV", help="Compare NEW with the same file at this git revision (then give only NEW).")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True, help="Text, Markdown for a pull request, or JSON.")
@click.option("--exit-code", "exit_code", is_flag=True, help="Exit 1 if there are changes (as git diff --exit-code), 0 if none.")
@MAX_BYTES_OPTION
def diff(files: tuple[Path, ...], rev: str | None, fmt: str, exit_code: bool, max_bytes: int | None) -> None:
    """What changing a blueprint from OLD to NEW does, per deployment unit: resources added, changed, removed, replaced.

    \b
    plgen diff OLD.yaml NEW.yaml
    plgen diff --rev main blueprints/saas.yaml     NEW against itself at a git revision
    Both are compiled in memory (nothing written). Replacements are the changes
    AWS cannot make in place; renamed resources get `moved` blocks; the units to
    re-apply are listed in apply order. Exit 0 (with --exit-code: 1 if anything changed).
    """
    if rev is not None and len(files) != 1:
        raise click.UsageError("with --rev give one blueprint (NEW); it is compared with itself at that revision")
    if rev is None and len(files) != 2:
        raise click.UsageError("give two blueprints, OLD and NEW (or one with --rev GIT_REV)")

    def action() -> None:
        import tempfile

        from plgen import review

        new_path = files[-1]
        with tempfile.TemporaryDirectory(prefix="plgen-diff-") as folder:
            if rev is not None:
                old_path, old_name = review.read_revision(new_path, rev, Path(folder)), f"{new_path}@{rev}"
            else:
                old_path, old_name = files[0], str(files[0])
            _check_files([old_path, new_path])
            old = review.compile_version(old_path, printable(old_name) if rev is not None else None)
        new = review.compile_version(new_path)
        result = review.compare(old, new, printable(old_name), printable(str(new_path)))
        if fmt == "json":
            _out(json.dumps(review.as_json(result), indent=2, sort_keys=True))
        else:
            _out((review.markdown if fmt == "markdown" else review.text)(result), nl=False)
        if exit_code and result.changed:
            sys.exit(1)

    _run(action, max_bytes)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="One line per rule, or JSON for machines.")
def rules(fmt: str) -> None:
    """List every rule a blueprint is checked by: its slug, where it runs, what it checks, and its source file.

    \b
    Scopes: common (every blueprint), feature <slug> (wherever the blueprint
    uses the feature), pattern <slug> (that pattern's shape and feature gate).
    A refused blueprint's message comes from one of these rules or from the schema.
    """

    def action() -> None:
        from plgen.compiler import rule_catalogue

        entries = rule_catalogue()
        if fmt == "json":
            data = [{"slug": e.slug, "summary": e.summary, "scopes": list(e.scopes), "source": e.source} for e in entries]
            _out(json.dumps(data, indent=2, sort_keys=True))
            return
        width = max(len(e.slug) for e in entries)
        for e in entries:
            _out(f"{e.slug:<{width}}  {', '.join(e.scopes)}: {e.summary} [{e.source}]")
        _out(f"{len(entries)} rules")

    _run(action)


@main.command()
def schema() -> None:
    """Print the blueprint JSON Schema (for editors: yaml-language-server)."""

    def action() -> None:
        from plgen.blueprint.schema import json_schema
        from plgen.patterns import PATTERNS

        _out(json.dumps(json_schema(list(PATTERNS)), indent=2, sort_keys=True))

    _run(action)


@main.command()
@click.argument("target", type=click.Path(path_type=Path, exists=True))
@click.option("--format", "fmt", type=click.Choice(["json", "hcl"]), default="json", show_default=True, help="Format a blueprint TARGET is rendered in.")
@click.option("--out", "out", type=click.Path(path_type=Path, file_okay=False), default=None, help="Work in this new folder and keep it (default: a private temporary folder, always removed).")
@click.option("--real", "--live", "real", is_flag=True, help="Plan for real: your AWS credentials, roles, backends and state, no offline overrides.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Roots planned at a time (default: CPUs, at most 4).")
def plan(target: Path, fmt: str, out: Path | None, real: bool, jobs: int | None) -> None:
    """Run terraform init, validate and plan for TARGET: every root and unit, offline unless --real; exit 1 if any fails.

    \b
    TARGET is a blueprint (rendered into the work folder), a rendered root
    folder (its example root, then its units in apply order), a units/ folder
    or one unit folder. Offline, each root gets fake credentials, no role,
    a local backend, and values read from other units "known after apply" -
    all in override files in a copy: nothing is written into TARGET.
    One line per root: its plan summary or its first error.
    """
    import shutil
    import tempfile

    from plgen.verify import plan as planner

    def action() -> None:
        if shutil.which("terraform") is None:
            click.echo("error: terraform not found on PATH (install Terraform >= 1.5: https://developer.hashicorp.com/terraform/install)", err=True)
            sys.exit(2)
        if out is not None and out.exists() and (not out.is_dir() or any(out.iterdir())):
            raise click.UsageError(f"--out {printable(str(out))} must be a new or empty folder")
        work = out.resolve() if out is not None else Path(tempfile.mkdtemp(prefix="plgen-plan-"))

        def interrupted(*_: object) -> None:  # Ctrl-C: Terraform gets it too; the private folder goes, then one line and 130
            if out is None:
                shutil.rmtree(work, ignore_errors=True)
            _interrupted()

        try:
            previous = signal.signal(signal.SIGINT, interrupted)
        except ValueError:  # not the main thread (an embedding): no handler of ours
            previous = None
        try:
            started = time.perf_counter()
            try:
                if target.is_dir():
                    base, roots = planner.roots_of(target)
                    if work.resolve().is_relative_to(base.resolve()):
                        raise click.UsageError(f"--out {printable(str(out))} is inside the folder it would copy ({printable(str(base))})")
                    work.mkdir(parents=True, exist_ok=True)
                else:
                    work.mkdir(parents=True, exist_ok=True)
                    from plgen.compiler import compile_paths
                    from plgen.emit.writer import write_trees

                    (output,) = compile_paths(_check_files([target]), (fmt,))
                    write_trees(work / "rendered", [(output.name, output.files)])
                    base, roots = planner.roots_of(work / "rendered" / output.name / fmt, name=output.name)
            except planner.PlanInputError as exc:
                click.echo(f"error: {printable(str(exc))}", err=True)
                sys.exit(2)
            results = planner.plan_target(base, roots, work / "plan", real=real, jobs=jobs or planner.default_jobs(), progress=lambda r: click.echo(printable(r.line())))
            failed = [r for r in results if r.error]
            needs_aws = [r for r in results if r.needs_aws]
            mode = "for real" if real else "offline"
            click.echo(f"{len(results) - len(failed) - len(needs_aws)} of {len(results)} root(s) planned {mode} in {time.perf_counter() - started:.0f}s")
            if failed:
                sys.exit(1)
            if needs_aws:
                sys.exit(2)
        finally:
            if previous is not None:
                signal.signal(signal.SIGINT, previous)
            if out is None:
                shutil.rmtree(work, ignore_errors=True)

    _run(action)


if __name__ == "__main__":
    main()
