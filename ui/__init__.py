"""The browser chat for qa: ``ui.app.build_app(settings)`` makes the Gradio app, ``ui.app.launch()`` serves it."""
