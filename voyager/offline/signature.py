"""How the offline model signs what it says, so that no one mistakes it for a language model."""

NAME = "offline"
SIGNATURE = "(offline model)"
