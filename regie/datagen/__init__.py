"""The regie's demo and scale data (registered in apps.py)."""
