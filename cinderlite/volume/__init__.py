"""The volume service layer, its RPC API, manager and drivers."""
