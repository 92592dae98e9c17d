"""``newsgloss labels`` (the store's label set) and ``newsgloss config`` (the config file)."""

from __future__ import annotations

import json

import click

from newsgloss.annotations.labels import Label
from newsgloss.corpus import printable
from newsgloss.tui.cli_edge import say
from newsgloss.tui.cli_settings import Settings, pass_settings
from newsgloss.tui.config import SETTINGS, load_config


@click.group(invoke_without_command=True)
@click.pass_context
def labels(ctx: click.Context) -> None:
    """The store's labels. With no command, lists them, tab-separated: name, key, colour,
    annotations, description."""
    if ctx.invoked_subcommand is None:
        settings: Settings = ctx.obj
        with settings.open_store(readonly=True) as store:
            counts = store.labels.counts()
            for label in store.labels():
                fields = (label.name, label.key, label.colour, counts.pop(label.name, 0))
                click.echo("\t".join(printable(str(f)) for f in (*fields, label.description)))


@labels.command("label-studio")
@pass_settings
def label_studio_config(settings: Settings) -> None:
    """The Label Studio labelling interface (XML) that ``export --format label-studio``
    writes tasks for, with the store's labels: paste it into the project's settings."""
    from newsgloss.annotations import api

    with settings.open_store(readonly=True) as store:
        click.echo(api.label_studio_config(label.name for label in store.labels()), nl=False)


def reader_keys(settings: Settings) -> dict[str, str]:
    """The reader's own keys under the config's keymap: no label may take one."""
    from newsgloss.tui.keys import reserved_keys

    return reserved_keys(settings.config.keymap)


@labels.command("add")
@click.argument("name")
@click.option("--key", default="", help="One letter or digit that tags with it in the reader.")
@click.option("--colour", "--color", "colour", default=None, help="#rgb or #rrggbb.")
@click.option("--description", default="", help="What the label means, shown in help.")
@pass_settings
def add_label(settings: Settings, name: str, key: str, colour: str | None, description: str):
    """Add a label at the end of the set."""
    from newsgloss.annotations.labels import spare_colour

    with settings.open_store(create=True) as store:
        colour = colour or spare_colour(store.labels())
        label = store.labels.add(Label(name, key, colour, description), reader_keys(settings))
    say(f"Added the label {label.name}" + (f" (key {label.key})" if label.key else ""))


@labels.command("edit")
@click.argument("name")
@click.option("--key", default=None, help="A new key (one letter or digit; '' for none).")
@click.option("--colour", "--color", "colour", default=None, help="A new colour, #rgb or #rrggbb.")
@click.option("--description", default=None, help="A new description.")
@pass_settings
def edit_label(
    settings: Settings, name: str, key: str | None, colour: str | None, description: str | None
) -> None:
    """Change a label's key, colour or description."""
    with settings.open_store() as store:
        label = store.labels.edit(
            name, key=key, colour=colour, description=description, reserved=reader_keys(settings)
        )
    say(f"Changed the label {label.name}: key {label.key or '(none)'}, colour {label.colour}")


@labels.command("rename")
@click.argument("old")
@click.argument("new")
@pass_settings
def rename_label(settings: Settings, old: str, new: str) -> None:
    """Rename a label, and every annotation that carries it."""
    with settings.open_store() as store:
        moved = store.labels.counts().get(store.labels.get(old).name, 0)
        label = store.labels.rename(old, new)
    say(f"Renamed {old} to {label.name} ({moved} annotation{'s' * (moved != 1)})")


@labels.command("merge")
@click.argument("source")
@click.argument("target")
@pass_settings
def merge_labels(settings: Settings, source: str, target: str) -> None:
    """Move every annotation of SOURCE to TARGET and remove SOURCE, in one transaction.
    A passage tagged with both keeps one tag."""
    with settings.open_store() as store:
        moved, doubles = store.labels.merge(source, target)
    say(
        f"Merged {source} into {target}: {moved} annotation{'s' * (moved != 1)} moved"
        + (f", {doubles} already tagged {target} dropped" if doubles else "")
    )


@labels.command("remove")
@click.argument("name")
@click.option("--force", is_flag=True, help="Also delete the annotations that carry it.")
@pass_settings
def remove_label(settings: Settings, name: str, force: bool) -> None:
    """Remove a label; refused while annotations carry it, unless --force."""
    with settings.open_store() as store:
        deleted = store.labels.remove(name, force=force)
    say(f"Removed the label {name}" + (f" and {deleted} annotations" if deleted else ""))


@click.group()
def config() -> None:
    """The config file ($NEWSGLOSS_CONFIG overrides where it is)."""


@config.command("path")
@pass_settings
def config_path_command(settings: Settings) -> None:
    """Print where the config file is (or would be)."""
    click.echo(printable(str(settings.config.path)))


@config.command("show")
@pass_settings
def config_show(settings: Settings) -> None:
    """Print the settings in effect, as TOML, each with where it came from."""
    file = load_config(settings.config.path)  # a bad file is reported here too
    click.echo(f"# {printable(str(file.path))}" + ("" if file.exists else " (no such file)"))
    chosen = {
        "store": str(settings.db_path),
        "model": settings.model,
        "annotator": settings.who(),
        "theme": settings.theme or file.theme or "textual-dark",
    }
    for key in SETTINGS:
        source = settings.sources.get(key)
        if source is None:
            source = "config file" if getattr(file, key) is not None else "default"
        click.echo(printable(f"{key} = {json.dumps(chosen[key], ensure_ascii=False)}  # {source}"))
    if file.keymap:
        click.echo("\n[keymap]")
        for binding_id, keys in file.keymap.items():
            click.echo(printable(f"{binding_id} = {json.dumps(keys, ensure_ascii=False)}"))
    for label in file.labels:
        click.echo("\n[[labels]]")
        for key, value in vars(label).items():
            click.echo(printable(f"{key} = {json.dumps(value, ensure_ascii=False)}"))
