"""Audit routes for auditors: verify the hash chain on demand."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from rightsgate.api.deps import Transaction, require
from rightsgate.audit.service import verify_chain
from rightsgate.auth.permissions import Actor

router = APIRouter(prefix="/api/audit", tags=["audit"])
Verifier = Annotated[Actor, Depends(require("audit:verify"))]


@router.get("/verify")
async def verify(tx: Transaction, _actor: Verifier) -> dict[str, Any]:
    """Recompute every hash and link; report the head, or the first bad event and its defect."""
    result = await tx(verify_chain)
    head = {"seq": result.head.seq, "hash": result.head.hash} if result.head else None
    return {
        "ok": result.ok,
        "count": result.count,
        "head": head,
        "defect": str(result.defect) if result.defect else None,
    }
