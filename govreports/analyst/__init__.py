"""The analyst layer: hierarchy, attainment and org identity on the records; canonical views, data package, report."""
