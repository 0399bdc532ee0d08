"""Package discovery only (metadata lives in pyproject.toml).

The repository keeps `rules/`, `trail/`, `remediations/` and `reports/` at its top level so the layout
shows the architecture, but they install as `warden.rules`, `warden.trail`, ... so that Warden never
claims generic top-level names in a user's environment.
"""

from setuptools import find_packages, setup

FEATURES = ("rules", "trail", "remediations", "reports")

packages = find_packages(include=["warden", "warden.*"])
for feature in FEATURES:
    packages += [f"warden.{name}" for name in find_packages(include=[feature, f"{feature}.*"])]

setup(packages=packages, package_dir={f"warden.{feature}": feature for feature in FEATURES})
