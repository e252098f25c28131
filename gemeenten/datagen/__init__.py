"""Demo and scale data: the registry every app extends, and the runs behind the commands.

registry.py  the containers the steps share (Demo, ScaleRun, Preset) and the hooks with which
             each app adds its own data from its AppConfig.ready(): register_demo_step,
             register_scale_step. Steps run in registration order, i.e. INSTALLED_APPS order.
demo.py      the demo gemeente Demodam with its wijken, DEMO_PASSWORD, and demo_seed (the run
             of `seed_demo`)
scale.py     the presets and scale_generate (the run of `generate_scale`)

Each app's own data is in <app>/datagen/demo.py and <app>/datagen/scale.py.
"""
