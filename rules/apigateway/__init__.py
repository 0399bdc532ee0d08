"""Rules for apigateway."""
