"""Compile every locale/*/LC_MESSAGES/*.po into its .mo with babel (no GNU gettext needed)."""
from django.core.management.base import BaseCommand

from gemeenten.catalogues import compiled, po_files


class Command(BaseCommand):
    help = "Compile the gettext catalogues with babel."

    def handle(self, *args, **options):
        for po in po_files():
            po.with_suffix(".mo").write_bytes(compiled(po))
            self.stdout.write(f"compiled {po}")
