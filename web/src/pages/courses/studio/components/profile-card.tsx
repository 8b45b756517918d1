import { CameraOutlined, CheckCircleFilled, LoadingOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Avatar, Button, Card, Descriptions, Flex, Form, Input, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ProfileItem } from '../../../../../../common/schemas/courses.js';
import { ApiError, feedback, showError } from '../../../../api/client.js';
import { COURSE_KEYS, type InstructorProfile, profileApi } from '../../../../api/courses.js';
import { useFormSubmit } from '../../../../hooks/use-form-submit.js';

/** Where each item the declaration needs is kept: here (avatar, intro), 我的账号 (mobile) or the teacher record (我的档案). */
const WHERE: Record<ProfileItem, 'here' | '/me' | '/my-profile'> = {
  certified: '/my-profile',
  avatar: 'here',
  realName: '/my-profile',
  mobile: '/me',
  gender: '/my-profile',
  intro: 'here',
  organisation: '/my-profile',
  region: '/my-profile',
};

/**
 * 完善信息 (CRS-1): what a declaration needs from the instructor (头像, 姓名, 手机号, 性别, 简介,
 * 所属机构, 市区) and which of it is still missing. Avatar and introduction are set here; the rest
 * comes from the account and the teacher record, with a link to where it is changed.
 */
export function ProfileCard({ profile }: { profile: InstructorProfile }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ intro: string }>();
  const [uploading, setUploading] = useState(false);
  const [avatarError, setAvatarError] = useState<string | null>(null);
  const complete = profile.missing.length === 0;
  const label = (k: string) => t(`course.profile.${k}`);

  const { saving, submit } = useFormSubmit(form, async (v: { intro: string }) => {
    queryClient.setQueryData(COURSE_KEYS.profile, await profileApi.setIntro(v.intro));
    feedback.message.success(t('common.saved'));
  });

  const uploadAvatar = async (file: File) => {
    setUploading(true);
    setAvatarError(null);
    try {
      queryClient.setQueryData(COURSE_KEYS.profile, await profileApi.setAvatar(file));
    } catch (err) {
      if (err instanceof ApiError && !err.handled) setAvatarError(err.message);
      else showError(err);
    } finally {
      setUploading(false);
    }
  };

  const missingItem = (item: ProfileItem) => {
    const where = WHERE[item];
    return (
      <Tag key={item} color="orange" style={{ marginInlineEnd: 0 }} data-testid={`profile-missing-${item}`}>
        {where === 'here' ? label(`item.${item}`) : <Link to={where}>{label(`item.${item}`)}</Link>}
      </Tag>
    );
  };
  const dash = (v: string | null | undefined) => v || <Typography.Text type="secondary">{label('notSet')}</Typography.Text>;

  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center" wrap>
          <span>{label('title')}</span>
          {complete ? (
            <Tag color="success" icon={<CheckCircleFilled />} style={{ marginInlineEnd: 0 }} data-testid="profile-complete">
              {label('complete')}
            </Tag>
          ) : null}
        </Flex>
      }
      data-testid="instructor-profile"
    >
      {complete ? null : (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={label('missingTitle')}
          description={
            <Flex gap={6} wrap style={{ marginTop: 4 }}>
              {profile.missing.map(missingItem)}
            </Flex>
          }
          data-testid="profile-missing"
        />
      )}
      <Flex gap={24} wrap align="flex-start">
        <Flex vertical align="center" gap={8} style={{ width: 120 }}>
          <Avatar size={96} src={profile.avatarUrl ?? undefined} icon={<UserOutlined />} />
          <Upload
            accept=".jpg,.jpeg,.png"
            showUploadList={false}
            disabled={uploading}
            beforeUpload={(file) => {
              void uploadAvatar(file);
              return Upload.LIST_IGNORE;
            }}
          >
            <Button size="small" icon={uploading ? <LoadingOutlined /> : <CameraOutlined />} data-testid="profile-avatar-upload">
              {profile.avatarUrl ? label('changeAvatar') : label('uploadAvatar')}
            </Button>
          </Upload>
          {avatarError ? (
            <Typography.Text type="danger" style={{ fontSize: 12, textAlign: 'center' }} data-testid="profile-avatar-error">
              {avatarError}
            </Typography.Text>
          ) : null}
        </Flex>
        <Flex vertical gap={12} style={{ flex: '1 1 320px', minWidth: 0 }}>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 3 }}
            items={[
              { key: 'name', label: label('item.realName'), children: dash(profile.realName) },
              { key: 'shixunNo', label: label('shixunNo'), children: dash(profile.shixunNo) },
              { key: 'mobile', label: label('item.mobile'), children: dash(profile.mobile) },
              { key: 'gender', label: label('item.gender'), children: profile.gender ? t(`gender.${profile.gender}`) : dash(null) },
              { key: 'organisation', label: label('item.organisation'), children: dash(profile.organisation) },
              { key: 'region', label: label('item.region'), children: dash(profile.region) },
            ]}
          />
          <Form form={form} layout="vertical" onFinish={submit} initialValues={{ intro: profile.intro ?? '' }} requiredMark={false}>
            <Form.Item
              name="intro"
              label={label('item.intro')}
              extra={label('introHint')}
              rules={[{ required: true, whitespace: true, message: t('common.required', { label: label('item.intro') }) }]}
              style={{ marginBottom: 8 }}
            >
              <Input.TextArea rows={3} maxLength={1000} data-testid="profile-intro" />
            </Form.Item>
            <Button htmlType="submit" loading={saving} data-testid="profile-intro-save">
              {label('saveIntro')}
            </Button>
          </Form>
        </Flex>
      </Flex>
    </Card>
  );
}
