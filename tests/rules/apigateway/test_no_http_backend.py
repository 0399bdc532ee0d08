from __future__ import annotations

RULE = "api-gw-no-plain-http-backend"
REST_API = "AWS::ApiGateway::RestApi"


def _api_with_integration(aws, moto_item, integration_type, uri=None):
    client = aws.client("apigateway")
    api = client.create_rest_api(name="backend")
    root = client.get_resources(restApiId=api["id"])["items"][0]["id"]
    client.put_method(restApiId=api["id"], resourceId=root, httpMethod="GET", authorizationType="NONE")
    kwargs = {"uri": uri, "integrationHttpMethod": "GET"} if uri else {}
    client.put_integration(restApiId=api["id"], resourceId=root, httpMethod="GET", type=integration_type, **kwargs)
    return moto_item(REST_API, f"arn:aws:apigateway:us-east-1::/restapis/{api['id']}", RULE)


def test_https_backend_is_compliant(aws, moto_item, evaluate_rule):
    item = _api_with_integration(aws, moto_item, "HTTP_PROXY", "https://orders.example.com/")
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_plain_http_backend_is_non_compliant(aws, moto_item, evaluate_rule):
    item = _api_with_integration(aws, moto_item, "HTTP", "http://orders.example.com/")
    result = evaluate_rule(RULE, item)
    assert result.compliance == "NON_COMPLIANT"
    assert "GET /" in result.annotation


def test_mock_integration_is_not_applicable(aws, moto_item, evaluate_rule):
    item = _api_with_integration(aws, moto_item, "MOCK")
    assert evaluate_rule(RULE, item).compliance == "NOT_APPLICABLE"


def test_http_api_integrations(aws, moto_item, evaluate_rule):
    client = aws.client("apigatewayv2")
    api = client.create_api(Name="h", ProtocolType="HTTP")
    client.create_integration(
        ApiId=api["ApiId"],
        IntegrationType="HTTP_PROXY",
        IntegrationMethod="ANY",
        IntegrationUri="http://legacy.example.com",
        PayloadFormatVersion="1.0",
    )
    item = moto_item("AWS::ApiGatewayV2::Api", f"arn:aws:apigateway:us-east-1::/apis/{api['ApiId']}", RULE)
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
