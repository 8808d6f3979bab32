"""CLI commands beyond `extract`, one module per concern; each adds its commands to
`saywho.cli.main`.  Imported by `saywho.cli` at the end of its definition."""
