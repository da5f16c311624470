"""The service layer for consistency groups, cgsnapshots and group clones."""
