from __future__ import annotations

RULE = "cloudfront-sni-enabled"


def test_default_certificate_is_not_applicable(distribution, evaluate_rule):
    assert evaluate_rule(RULE, distribution(RULE)).compliance == "NOT_APPLICABLE"


def test_dedicated_ip_is_non_compliant(config_shaped, evaluate_rule):
    result = evaluate_rule(RULE, config_shaped())
    assert result.compliance == "NON_COMPLIANT"
    assert "vip" in result.annotation


def test_sni_only_is_compliant(config_shaped, evaluate_rule):
    item = config_shaped(lambda c: c["viewerCertificate"].update(sslSupportMethod="sni-only"))
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_dedicated_ip_certificate_on_moto(aws, distribution, evaluate_rule):
    certificate = aws.client("acm").request_certificate(DomainName="orders.example.com")["CertificateArn"]
    viewer = {"CloudFrontDefaultCertificate": False, "ACMCertificateArn": certificate, "SSLSupportMethod": "vip"}
    assert evaluate_rule(RULE, distribution(RULE, ViewerCertificate=viewer)).compliance == "NON_COMPLIANT"
