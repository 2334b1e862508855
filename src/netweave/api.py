from ninja import NinjaAPI

api = NinjaAPI(title="netweave", version="1")
