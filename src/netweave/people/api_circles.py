"""/api/v1/circles: the user's own list of circles. Thin routes over people.circles."""

from django.db import transaction
from ninja import Field, Router, Schema, Status

from netweave.api_support import Id, owned
from netweave.people import circles as service
from netweave.people.models import Circle
from netweave.people.schemas import Clean

router = Router(tags=["circles"])


class CircleIn(Clean):
    name: str = Field(..., min_length=1, max_length=60)
    position: int | None = Field(None, ge=0, le=1000, description="Lower is closer; default: last.")


class CirclePatch(Clean):
    name: str | None = Field(None, min_length=1, max_length=60)
    position: int | None = Field(None, ge=0, le=1000)


class CircleOut(Schema):
    id: int
    name: str
    position: int
    people_count: int = 0


@router.get("", response=list[CircleOut], summary="List circles, closest first")
def list_circles(request):
    return list(service.circles_with_counts(request.auth))


@router.post("", response={201: CircleOut}, summary="Add a circle")
@transaction.atomic
def create_circle(request, payload: CircleIn):
    circle = service.add_circle(request.auth, payload.name, position=payload.position)
    return Status(201, owned(service.circles_with_counts(request.auth), request.auth, circle.pk))


@router.get("/{circle_id}", response=CircleOut, summary="Read a circle")
def read_circle(request, circle_id: Id):
    return owned(service.circles_with_counts(request.auth), request.auth, circle_id)


@router.patch("/{circle_id}", response=CircleOut, summary="Rename or move a circle")
@transaction.atomic
def change_circle(request, circle_id: Id, payload: CirclePatch):
    circle = owned(Circle, request.auth, circle_id)
    service.change_circle(circle, name=payload.name, position=payload.position)
    return owned(service.circles_with_counts(request.auth), request.auth, circle_id)


@router.delete("/{circle_id}", response={204: None}, summary="Remove a circle (its people stay, in no circle)")
@transaction.atomic
def delete_circle(request, circle_id: Id):
    service.remove_circle(owned(Circle, request.auth, circle_id))
    return Status(204, None)
