"""The pipeline: a build and a check, from the workspace to the output folder."""
