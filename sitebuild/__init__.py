"""Build, check, preview, publish and deploy the site: the work behind the `invoke` tasks in tasks.py."""
