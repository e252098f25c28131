"""The infopunt's demo data (demo.py): search statistics and contact requests for seed_demo."""
