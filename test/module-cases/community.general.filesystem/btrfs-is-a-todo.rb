# btrfs-is-a-todo
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM fstype: btrfs is not converted (community.general.filesystem converts ext2, ext3, ext4, ext4dev, xfs)
# tasks/main.yml:1 Btrfs on the data disk
#   - name: Btrfs on the data disk
#     community.general.filesystem:
#       fstype: btrfs
#       dev: /dev/sdb
