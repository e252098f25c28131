"""The sociale kaart's demo data (demo.py, for seed_demo) and scale data (scale.py, for generate_scale)."""
