"""The reviewer pages: server-rendered Jinja templates over the same service functions as the API."""
