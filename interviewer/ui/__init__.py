"""The Gradio application: Blocks built by functions, handlers kept thin."""
