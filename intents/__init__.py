"""What people mean: intent YAML files in this folder, and the matcher that decides."""
