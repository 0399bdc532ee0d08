RULE = "ebs-snapshot-public-restorable-check"
ACCOUNT = "AWS::::Account"


def _public_snapshot(aws):
    ec2 = aws.client("ec2")
    volume = ec2.create_volume(AvailabilityZone="us-east-1a", Size=8)["VolumeId"]
    snapshot = ec2.create_snapshot(VolumeId=volume)["SnapshotId"]
    ec2.modify_snapshot_attribute(
        SnapshotId=snapshot, Attribute="createVolumePermission", OperationType="add", GroupNames=["all"]
    )
    return snapshot


def test_account_without_public_snapshots_is_compliant(aws, moto_item, evaluate_rule):
    # moto's built-in public AMI snapshots belong to other accounts and must not count.
    assert evaluate_rule(RULE, moto_item(ACCOUNT, aws.account_id, RULE)).compliance == "COMPLIANT"


def test_the_read_asks_for_this_accounts_snapshots_restorable_by_all(aws):
    # moto ignores RestorableByUserIds (it lists every own snapshot), so pin the call AWS answers.
    from botocore.stub import Stubber

    from warden.collectors import collector_for

    with Stubber(aws.client("ec2")) as stub:
        stub.add_response(
            "describe_snapshots",
            {"Snapshots": [{"SnapshotId": "snap-0public"}]},
            {"RestorableByUserIds": ["all"], "Filters": [{"Name": "owner-id", "Values": [aws.account_id]}]},
        )
        item = collector_for(ACCOUNT).read(
            aws.clients, "us-east-1", aws.account_id, aws.account_id, ["PublicEbsSnapshots"]
        )
        stub.assert_no_pending_responses()
    assert item.supplementary["PublicEbsSnapshots"] == ["snap-0public"]


def test_public_snapshot_is_non_compliant(aws, moto_item, evaluate_rule):
    public = _public_snapshot(aws)
    result = evaluate_rule(RULE, moto_item(ACCOUNT, aws.account_id, RULE))
    assert result.compliance == "NON_COMPLIANT"
    assert public in result.annotation


def test_config_item_and_other_types(config_item, evaluate_rule):
    many = config_item(ACCOUNT, "123456789012", supplementary={"PublicEbsSnapshots": [f"snap-{i}" for i in range(7)]})
    result = evaluate_rule(RULE, many)
    assert result.compliance == "NON_COMPLIANT" and "2 more" in result.annotation
    assert evaluate_rule(RULE, config_item("AWS::EC2::Volume", "vol-1")).compliance == "NOT_APPLICABLE"
