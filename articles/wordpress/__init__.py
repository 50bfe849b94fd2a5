"""Moving in from WordPress: reading a WXR export and bringing it in through the services."""
