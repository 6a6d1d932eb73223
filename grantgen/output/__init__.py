"""The output folder: publishing, the manifest, versions and PDFs."""
